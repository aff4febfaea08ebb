/**
 * The `codenav` CLI: parses argv, runs the command, maps failures to exit codes
 * (0 ok, 1 runtime failure, 2 bad usage) with one clear line on stderr.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseConfig, UsageError } from './config.ts';
import { packageRoot } from './package-root.ts';

async function main(argv: readonly string[]): Promise<number> {
  const config = parseConfig(argv);
  switch (config.command) {
    case 'help':
      process.stdout.write(`${config.text}\n`);
      return 0;
    case 'version': {
      const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      process.stdout.write(`codenav ${manifest.version}\n`);
      return 0;
    }
    case 'analyze': {
      // Loaded on demand: `serve` keeps the compiler out of its main thread.
      const { runAnalyze } = await import('./analyze-command.ts');
      await runAnalyze(config);
      return 0;
    }
    case 'impact': {
      const { runImpact } = await import('./impact-command.ts');
      await runImpact(config);
      return 0;
    }
    case 'serve': {
      const { runServe } = await import('./serve-command.ts');
      return runServe(config);
    }
    case 'mcp': {
      const { runMcp } = await import('./mcp-command.ts');
      return runMcp(config);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError;
    const command =
      process.argv[2] === 'serve' ||
      process.argv[2] === 'analyze' ||
      process.argv[2] === 'impact' ||
      process.argv[2] === 'mcp'
        ? `codenav ${process.argv[2]}`
        : 'codenav';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message.startsWith('codenav') ? message : `${command}: ${message}`}\n`);
    if (!usage && process.env.CODENAV_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
