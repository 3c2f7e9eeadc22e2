/**
 * Test support: replays terminal output on a model screen of a fixed width — printable
 * characters, carriage return, line feed, automatic wrap at the last column, and the erase
 * sequences (`ESC[K`, `ESC[2K`); other control sequences move nothing. What a user would see
 * after the output, line by line.
 */

/** A control sequence introducer and its parameters: ESC [ params letter. */
const CSI = new RegExp(`^${String.fromCharCode(27)}\\[([0-9;?]*)([A-Za-z])`);

/**
 * The lines left on a `columns`-wide screen after `output` was written to it.
 *
 * @example
 * ```ts
 * screenLines('abc\rX', 80); // ['Xbc']
 * screenLines('a'.repeat(100), 80).length; // 2 (wrapped)
 * ```
 */
export function screenLines(output: string, columns: number): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = (): string[] => (lines[row] ??= []);
  for (let i = 0; i < output.length; i++) {
    const ch = output[i] as string;
    if (ch === '\x1b') {
      const m = CSI.exec(output.slice(i));
      if (m) {
        i += m[0].length - 1;
        if (m[2] === 'K') {
          const mode = m[1] || '0';
          if (mode === '2') lines[row] = [];
          else if (mode === '0') line().length = Math.min(line().length, col);
        }
      }
      continue;
    }
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++;
      line();
    } else if (ch >= ' ') {
      if (col >= columns) {
        row++;
        col = 0;
      }
      const l = line();
      while (l.length < col) l.push(' ');
      l[col++] = ch;
    }
  }
  return lines.map((l) => l.join('').trimEnd());
}
