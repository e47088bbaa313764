import iconv from 'iconv-lite';
import type { DecodeRepair } from '../model.ts';
import repairs from './repairs.json' with { type: 'json' };

const charOf = (byte: number, encoding: string): string => iconv.decode(Uint8Array.of(byte), encoding);

/** The repaired bytes of repairs.json: each byte with its KOI8-R and its windows-1251 character. */
export const KOI8R_FOREIGN_BYTES: readonly { byte: number; koi8r: string; foreign: string }[] = repairs.koi8r.bytes.map((hex) => {
  const byte = Number.parseInt(hex, 16);
  return { byte, koi8r: charOf(byte, 'koi8-r'), foreign: charOf(byte, repairs.koi8r.foreignEncoding) };
});

// KOI8-R is one byte per character and every character is one UTF-16 unit, so
// replacing the decoded character is the same as decoding its byte the other way.
const FOREIGN_BY_KOI8R = new Map(KOI8R_FOREIGN_BYTES.map(({ koi8r, foreign }) => [koi8r, foreign]));
const PSEUDO_GRAPHICS_CLASS = `[${[...FOREIGN_BY_KOI8R.keys()].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
const HAS_PSEUDO_GRAPHICS = new RegExp(PSEUDO_GRAPHICS_CLASS);
const EVERY_PSEUDO_GRAPHIC = new RegExp(PSEUDO_GRAPHICS_CLASS, 'g');

/**
 * KOI8-R text with the windows-1251 punctuation bytes that Russian sites let
 * through read as what they meant (`╚Искатель╩` → `«Искатель»`, `╧` → `№`);
 * the bytes and why are in repairs.json. `repaired` is null when there was
 * nothing to repair.
 */
export function repairKoi8rText(text: string): { text: string; repaired: DecodeRepair | null } {
  if (!HAS_PSEUDO_GRAPHICS.test(text)) return { text, repaired: null };
  let count = 0;
  const characters = new Set<string>();
  const repairedText = text.replace(EVERY_PSEUDO_GRAPHIC, (char) => {
    const foreign = FOREIGN_BY_KOI8R.get(char)!;
    count++;
    characters.add(foreign);
    return foreign;
  });
  return {
    text: repairedText,
    repaired: { kind: 'windows-1251-in-koi8-r', count, characters: [...characters].join('') },
  };
}

// windows-1252's characters for the C1 positions it defines (a few are undefined: kept).
const C1_TO_WINDOWS_1252 = new Map(
  Array.from({ length: 0x20 }, (_, i) => 0x80 + i)
    .map((code) => [String.fromCharCode(code), charOf(code, repairs.c1.foreignEncoding)] as const)
    .filter(([control, character]) => character !== control && character !== '\ufffd'),
);
const C1_CONTROLS = /[\u0080-\u009f]/g;

/**
 * Text with its C1 control characters read as windows-1252 punctuation
 * (`don\u0092t` → `don’t`); see repairs.json. `repaired` is null when there
 * was nothing to repair.
 */
export function repairC1Controls(text: string): { text: string; repaired: DecodeRepair | null } {
  if (!/[\u0080-\u009f]/.test(text)) return { text, repaired: null };
  let count = 0;
  const characters = new Set<string>();
  const repairedText = text.replace(C1_CONTROLS, (control) => {
    const character = C1_TO_WINDOWS_1252.get(control);
    if (character === undefined) return control;
    count++;
    characters.add(character);
    return character;
  });
  return {
    text: repairedText,
    repaired: count === 0 ? null : { kind: 'windows-1252-c1', count, characters: [...characters].join('') },
  };
}
