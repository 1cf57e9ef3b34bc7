import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import { fixture, PackTester } from '../../src/rulepacks/sdk/test-kit.ts';
import { formatProblem } from '../../src/rulepacks/sdk/problem.ts';
import { validatePack } from '../../src/rulepacks/sdk/validate-pack.ts';

// The worked example of docs/rule-packs.md, read from the page itself: a pack written only from
// the guide must load and behave as the guide says, with no change to src/core.
const guide = readFileSync(new URL('../../docs/rule-packs.md', import.meta.url), 'utf8');
const yaml = /```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
if (!yaml) throw new Error('docs/rule-packs.md has no YAML example');
const result = validatePack(parse(yaml), { file: 'docs/rule-packs.md' });
if (!result.ok) throw new Error(result.error.map(formatProblem).join('\n'));

const tester = new PackTester(result.value, { describe, it });
const { enterprise } = fixture;
const chemicals = enterprise({ sector: 'hazardous_chemicals' });

tester.run('the guide\'s example: 第六条 cap of 3, blacklist excepted', {
  valid: [{ kind: 'pool', enterprise: enterprise({ sector: 'hazardous_chemicals', blacklisted: true }), history: { doubleRandomCount: { '91350100M000100Y43': 3 } } }],
  invalid: [
    { kind: 'pool', enterprise: chemicals, history: { doubleRandomCount: { '91350100M000100Y43': 3 } }, errors: [{ messageId: 'CAP_REACHED', data: { cap: 3 }, clause: '第六条' }] },
    { kind: 'pool', enterprise: enterprise({ sector: 'machinery' }), errors: [{ messageId: 'OUT_OF_SCOPE', clause: '第三条' }] },
  ],
  deadlines: [{ id: 'publication', from: '2026-09-30', expected: '2026-10-20', clause: '第十条' }],
});
