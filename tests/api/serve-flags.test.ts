/** The security flags of `codenav serve`: how they parse, and what they refuse (exit 2). */
import { describe, expect, it } from 'vitest';
import { parseConfig, type ServeConfig, UsageError } from '../../server/config.ts';
import { fixturePath } from '../helpers/fixtures.ts';

const dir = fixturePath('incremental');
const TOKEN = 'a-test-token-of-24-chars';

function serve(argv: string[], env: NodeJS.ProcessEnv = {}): ServeConfig {
  return parseConfig(['serve', dir, ...argv], env) as ServeConfig;
}

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    serve(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: serve ${argv.join(' ')}`);
}

describe('--token', () => {
  it('refuses an empty or blank token instead of serving with one that any empty credential matches', () => {
    expect(refusal(['--token', ''])).toBe('--token is empty: give a secret of at least 16 characters');
    expect(refusal(['--token', '   '])).toBe('--token is empty: give a secret of at least 16 characters');
    expect(refusal([], { CODENAV_TOKEN: ' \t' })).toMatch(/--token is empty/);
  });

  it('refuses a short token or one with spaces, without repeating it', () => {
    const short = refusal(['--token', 'hunter2']);
    expect(short).toBe('--token must be at least 16 characters (got 7); e.g. openssl rand -hex 24');
    expect(short).not.toContain('hunter2');
    expect(refusal(['--token', 'a token with spaces in it'])).toBe(
      '--token must be printable ASCII without spaces',
    );
  });

  it('takes a long enough token from the flag or CODENAV_TOKEN; an empty CODENAV_TOKEN is no token', () => {
    expect(serve(['--token', TOKEN]).token).toBe(TOKEN);
    expect(serve([], { CODENAV_TOKEN: TOKEN }).token).toBe(TOKEN);
    expect(serve([], { CODENAV_TOKEN: '' }).token).toBeUndefined();
  });

  it('is still required beyond loopback', () => {
    expect(refusal(['--host', '0.0.0.0'])).toMatch(/reachable from other machines: set --token/);
    expect(serve(['--host', '0.0.0.0', '--token', TOKEN]).host).toBe('0.0.0.0');
  });
});

describe('the other security flags', () => {
  it('reads --public-read (only with a token), --allowed-hosts and the WebSocket caps, with defaults', () => {
    expect(serve([])).toMatchObject({
      publicRead: false,
      allowedHosts: [],
      maxConnections: 1000,
      maxSubscriptions: 100,
    });
    expect(
      serve([
        '--token',
        TOKEN,
        '--public-read',
        '--allowed-hosts',
        'Codenav.Test, .dev.test',
        '--max-connections',
        '50',
        '--max-subscriptions',
        '5',
      ]),
    ).toMatchObject({
      publicRead: true,
      allowedHosts: ['codenav.test', '.dev.test'],
      maxConnections: 50,
      maxSubscriptions: 5,
    });
    expect(
      serve([], { CODENAV_TOKEN: TOKEN, CODENAV_PUBLIC_READ: 'true', CODENAV_MAX_CONNECTIONS: '7' }),
    ).toMatchObject({ publicRead: true, maxConnections: 7 });
    expect(refusal(['--public-read'])).toBe(
      '--public-read needs --token: without a token every request is open already',
    );
  });

  it('refuses host names with a scheme or port, and caps that are not positive whole numbers', () => {
    expect(refusal(['--allowed-hosts', 'http://a.test'])).toMatch(/--allowed-hosts takes host names/);
    expect(refusal(['--allowed-hosts', 'a.test:4000'])).toMatch(/--allowed-hosts takes host names/);
    expect(refusal(['--max-connections', '0'])).toBe(
      '--max-connections must be a whole number of at least 1, got "0"',
    );
    expect(refusal(['--max-subscriptions', 'many'])).toBe(
      '--max-subscriptions must be a whole number of at least 1, got "many"',
    );
  });
});
