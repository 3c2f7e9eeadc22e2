import { describe, expect, it } from 'vitest';
import { screenLines } from './terminal-screen.js';

describe('screenLines (a model terminal)', () => {
  it('redraws a line in place after a carriage return and an erase', () => {
    expect(screenLines('first long line\r\x1b[2Ksecond', 80)).toEqual(['second']);
  });

  it('wraps at the last column, so a carriage return only redraws the last row', () => {
    expect(screenLines(`${'a'.repeat(100)}\r\x1b[2Kb`, 80)).toEqual(['a'.repeat(80), 'b']);
  });
});
