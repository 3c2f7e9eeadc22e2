/**
 * Test support: runs a system Chromium headless on a local file (`--dump-dom`, `--screenshot`)
 * and decodes the PNG it writes. Nothing is downloaded: the browser must be installed
 * (Debian/Ubuntu: `apt-get update && apt-get install -y chromium`) or named by
 * `SYNTHGRAPH_CHROMIUM`. Not exported from the package.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

/**
 * Executables tried on PATH, in order.
 *
 * @example
 * ```ts
 * CHROMIUM_NAMES.includes('chromium'); // true
 * ```
 */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/**
 * The message a test fails with when no browser is found.
 *
 * @example
 * ```ts
 * if (!findChromium()) throw new Error(CHROMIUM_MISSING);
 * ```
 */
export const CHROMIUM_MISSING = [
  'Headless Chromium is required for the report browser test and was not found',
  `(looked for $SYNTHGRAPH_CHROMIUM, $CHROME_PATH and ${CHROMIUM_NAMES.join(', ')} on PATH).`,
  'Install it with:  apt-get update && apt-get install -y chromium   (Debian/Ubuntu, as root; CI must do the same)',
  'or point SYNTHGRAPH_CHROMIUM at a Chromium/Chrome executable.',
].join('\n');

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Chromium executable, or null when none is installed.
 *
 * @example
 * ```ts
 * const bin = findChromium() ?? fail(CHROMIUM_MISSING);
 * ```
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  for (const v of [env['SYNTHGRAPH_CHROMIUM'], env['CHROME_PATH']]) if (v && executable(v)) return v;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of CHROMIUM_NAMES) {
      const p = path.join(dir, name);
      if (executable(p)) return p;
    }
  }
  return null;
}

/**
 * Flags for a quiet, offline, throw-away headless session.
 *
 * @example
 * ```ts
 * await runChromium(bin, [...headlessFlags('/tmp/profile'), '--dump-dom', 'file:///tmp/report.html']);
 * ```
 */
export function headlessFlags(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-first-run',
    '--no-default-browser-check',
    '--hide-scrollbars',
    `--user-data-dir=${userDataDir}`,
  ];
}

/**
 * Runs Chromium to completion; rejects on a non-zero exit or after `timeoutMs`.
 *
 * @example
 * ```ts
 * const { stdout } = await runChromium(bin, ['--version']);
 * ```
 */
export function runChromium(bin: string, args: readonly string[], timeoutMs = 60_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chromium timed out after ${timeoutMs} ms: ${bin} ${args.join(' ')}\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`chromium exited with ${code}: ${bin} ${args.join(' ')}\n${stderr.slice(-2000)}`));
    });
  });
}

/**
 * The DOM of a local HTML file after Chromium parsed and laid it out.
 *
 * @example
 * ```ts
 * const dom = await dumpDom(bin, '/tmp/out/report.html', '/tmp/profile');
 * ```
 */
export async function dumpDom(bin: string, file: string, userDataDir: string): Promise<string> {
  return (await runChromium(bin, [...headlessFlags(userDataDir), '--dump-dom', pathToFileURL(file).href])).stdout;
}

/**
 * A PNG screenshot of the top `width × height` pixels of a local HTML file.
 *
 * @example
 * ```ts
 * const png = await screenshot(bin, '/tmp/out/report.html', '/tmp/shot.png', { width: 1400, height: 3000 }, '/tmp/profile');
 * ```
 */
export async function screenshot(bin: string, file: string, png: string, size: { width: number; height: number }, userDataDir: string): Promise<Buffer> {
  await runChromium(bin, [...headlessFlags(userDataDir), `--window-size=${size.width},${size.height}`, `--screenshot=${png}`, pathToFileURL(file).href]);
  return readFile(png);
}

/** A decoded image: RGBA, 8 bits per channel, row-major. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes).
 *
 * @example
 * ```ts
 * const { width, height } = decodePng(await readFile('/tmp/shot.png'));
 * ```
 */
export function decodePng(buf: Buffer): DecodedImage {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colour = data[9];
      const interlace = data[12];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (pixels[out + i - channels] as number) : 0;
      const b = y > 0 ? (pixels[out - stride + i] as number) : 0;
      const c = y > 0 && i >= channels ? (pixels[out - stride + i - channels] as number) : 0;
      const x = line[i] as number;
      let v: number;
      switch (filter) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + b;
          break;
        case 3:
          v = x + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      pixels[out + i] = v & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) {
    rgba[j] = pixels[i] as number;
    rgba[j + 1] = pixels[i + 1] as number;
    rgba[j + 2] = pixels[i + 2] as number;
    rgba[j + 3] = 255;
  }
  return { width, height, rgba };
}

/**
 * Pixels within `tolerance` (per channel) of the colour `#rrggbb`.
 *
 * @example
 * ```ts
 * countColour(decodePng(png), '#2563eb'); // pixels of the bar colour
 * ```
 */
export function countColour(img: DecodedImage, hex: string, tolerance = 6): number {
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  let n = 0;
  for (let i = 0; i < img.rgba.length; i += 4) {
    if (Math.abs((img.rgba[i] as number) - r) <= tolerance && Math.abs((img.rgba[i + 1] as number) - g) <= tolerance && Math.abs((img.rgba[i + 2] as number) - b) <= tolerance) n++;
  }
  return n;
}
