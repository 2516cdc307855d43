/** `datasets/README.md` documents every table and column the generator writes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../src/model/schema';

describe('dataset documentation', () => {
  const readme = readFileSync('datasets/README.md', 'utf8');
  for (const t of TABLES) {
    it(`documents the ${t.name} table and each of its columns`, () => {
      expect(readme).toContain(`### \`${t.name}\``);
      const section = readme.split(`### \`${t.name}\``)[1]!.split('\n### ')[0]!;
      for (const c of t.columns) {
        const row = new RegExp(`^\\|\\s*\`${c.name}\`\\s*\\|`, 'm');
        expect(section, `${t.name}.${c.name}`).toMatch(row);
      }
    });
  }
});
