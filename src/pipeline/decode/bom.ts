export type Bom = { encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be'; length: number };

// UTF-32LE's BOM starts with UTF-16LE's, so the longer patterns come first.
const BOMS: readonly { bytes: readonly number[]; encoding: Bom['encoding'] }[] = [
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

/** The byte order mark the bytes start with, or null. */
export function sniffBom(bytes: Uint8Array): Bom | null {
  for (const { bytes: pattern, encoding } of BOMS) {
    if (pattern.every((byte, i) => bytes[i] === byte)) return { encoding, length: pattern.length };
  }
  return null;
}
