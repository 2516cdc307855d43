/**
 * Precompressed copies of the build: after `vite build`, every compressible file of `dist/` gets a
 * `.br` (brotli) and a `.gz` (gzip) beside it, which the bundled server (`scripts/server.ts`, via
 * sirv) and common static hosts (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`,
 * Netlify, Cloudflare Pages) send to a browser that accepts them. The 34 MB DuckDB wasm goes over
 * the wire as about 6 MB.
 *
 * Brotli at high quality is slow on the wasm (14 s at quality 9 on this machine), so outputs are
 * cached by content hash in `node_modules/.cache/precompress`: a rebuild with the same files
 * costs a copy. Nothing under `data/` is compressed: DuckDB files are read by HTTP ranges, which
 * a content-encoded response cannot serve, and manifests and the dataset index are edited and
 * published after the build, when a stale compressed copy would be served in their place.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** File endings worth compressing (text and wasm); everything else is sent as it is. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|wasm|svg|txt|webmanifest|map|csv)$/;
/** Below this many bytes compression saves nothing worth a header. */
const MIN_BYTES = 1024;
const CACHE_DIR = 'node_modules/.cache/precompress';

/** Brotli quality for a file of `n` bytes: the best for small files, quicker for large ones. */
export function brotliQuality(n: number): number {
  if (n < 1_000_000) return 11;
  if (n < 4_000_000) return 9;
  return 7;
}

/** Every file under `dir`, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Writes `.br` and `.gz` beside every compressible file of `dir` (when smaller than the file)
 * and returns how many bytes the files and their brotli copies hold.
 */
export function precompressDir(dir: string): { files: number; bytes: number; brotliBytes: number } {
  mkdirSync(CACHE_DIR, { recursive: true });
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
    // Datasets are published and edited after the build (a manifest, the index of datasets): a
    // precompressed copy would go on being served in place of the edited file.
    if (relative(dir, file).split(sep)[0] === 'data') continue;
    const data = readFileSync(file);
    const key = createHash('sha256').update(data).digest('hex').slice(0, 32);
    const cached = (ext: string, make: () => Buffer) => {
      const path = join(CACHE_DIR, `${key}.${ext}`);
      if (existsSync(path)) return readFileSync(path);
      const out = make();
      writeFileSync(path, out);
      return out;
    };
    const br = cached('br', () =>
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: brotliQuality(data.length),
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    );
    const gz = cached('gz', () => gzipSync(data, { level: 9 }));
    if (br.length < data.length) writeFileSync(`${file}.br`, br);
    if (gz.length < data.length) writeFileSync(`${file}.gz`, gz);
    files++;
    bytes += data.length;
    brotliBytes += Math.min(br.length, data.length);
  }
  return { files, bytes, brotliBytes };
}

/** The Vite plugin: precompresses `dist/` once the bundle (and `public/`) is written. */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'atlas-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      handler() {
        const r = precompressDir(outDir);
        this.info?.(
          `precompressed ${r.files} files in ${relative('.', outDir)}: ${(r.bytes / 1e6).toFixed(1)} MB → ${(r.brotliBytes / 1e6).toFixed(1)} MB brotli`,
        );
      },
    },
  };
}
