// Image preparation figures (issue 4): our pipeline (wasm-vips in a worker) against sharp (native
// libvips: the floor) and jimp (the usual pure-JS choice), fitting the same inputs to the Yandex
// Vision limits, each candidate in a fresh process; and the overhead of an image that needs no
// re-encoding. Called by scripts/bench.mjs; prints a table with the ratios.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { makeInputs } from './images/makeInputs.mjs';

export async function benchImages(root) {
  const inputs = await makeInputs(root);
  const runs = Number(process.env.BENCH_IMAGE_RUNS ?? 5);
  const one = (candidate, file, n) => {
    const r = spawnSync('node', [path.join(root, 'bench/images/runOne.mjs'), candidate, file, String(n)], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${candidate} on ${path.basename(file)} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  console.log(`image preparation: fit to Yandex Vision (JPEG ≤ 1 MB, ≤ 20 MP, upright); median of ${runs} runs after one warm-up, fresh process each`);
  console.log('  input                          candidate  median ms  first ms  peak RSS MB  output');
  for (const file of [inputs.photo, inputs.screenshot]) {
    const ours = one('ours', file, runs);
    const sharp = one('sharp', file, runs);
    const jimp = one('jimp', file, Math.min(runs, 3));
    for (const r of [ours, sharp, jimp]) {
      console.log(
        `  ${path.basename(file).padEnd(30)} ${r.candidate.padEnd(9)} ${r.medianMs.toFixed(0).padStart(9)} ${r.firstMs.toFixed(0).padStart(9)} ${String(r.maxRssMB).padStart(12)}  ${r.outBytes} B ${r.width}×${r.height}`,
      );
    }
    console.log(`    ours / sharp = ${(ours.medianMs / sharp.medianMs).toFixed(2)}× (target ≤ 2×); jimp / ours = ${(jimp.medianMs / ours.medianMs).toFixed(1)}× faster (target ≥ 5×)`);
  }
  const noop = one('ours-noop', inputs.small, 20);
  console.log(`  no re-encoding needed (${path.basename(inputs.small)}, read + sniff + header + plan): median ${noop.medianMs.toFixed(2)} ms, first ${noop.firstMs.toFixed(1)} ms (target ≤ 30 ms)`);
}
