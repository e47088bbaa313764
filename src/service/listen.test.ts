import { describe, expect, it } from 'vitest';
import { listenAddress } from './listen.ts';

describe('listenAddress', () => {
  it.each([
    [{}, {}, { host: '127.0.0.1', port: 4321 }],
    [{}, { PORT: '8080' }, { host: '127.0.0.1', port: 8080 }],
    [{}, { HOST: '0.0.0.0', PORT: '80' }, { host: '0.0.0.0', port: 80 }],
    [{ port: 0 }, { PORT: '8080' }, { host: '127.0.0.1', port: 0 }],
    [{ host: '::1', port: 9000 }, { HOST: '0.0.0.0', PORT: '8080' }, { host: '::1', port: 9000 }],
    [{}, { PORT: 'eighty' }, { host: '127.0.0.1', port: 4321 }],
    [{}, { PORT: '', HOST: ' ' }, { host: '127.0.0.1', port: 4321 }],
  ])('flags %j, environment %j -> %j', (flags, env, expected) => {
    expect(listenAddress(flags, env)).toEqual(expected);
  });
});
