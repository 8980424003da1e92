// `npm test`: format and lint (Biome), type check, build, then every vitest project (unit, integration,
// end-to-end in Chromium). Ends with the plain line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const run = (label, command, args) => {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
};

let failedChecks = 0;
if (!run('chromium', 'bash', ['scripts/ensure-chromium.sh'])) failedChecks++;
if (!run('format and lint', 'npx', ['biome', 'ci', '.'])) failedChecks++;
if (!run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])) failedChecks++;
if (!run('build', 'npm', ['run', 'build', '--silent'])) failedChecks++;

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
run('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...extra]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.numPassedTests;
  failed = summary.numFailedTests + (summary.numTotalTestSuites > 0 && summary.success === false && summary.numFailedTests === 0 ? 1 : 0);
} else {
  failed = 1;
}
// Chromium, format and lint, the type check and the build count as checks of their own.
const checks = 4;
passed += checks - failedChecks;
failed += failedChecks;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
