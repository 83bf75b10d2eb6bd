import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { openScreen, SCREENS, seedShowcase } from './showcase';

test('every screen, with a lived-in workspace, has no serious or critical accessibility violation', async ({ page, host }) => {
  test.setTimeout(180_000);
  const showcase = await seedShowcase(page, host);
  try {
    const found: string[] = [];
    for (const screen of SCREENS) {
      await openScreen(page, screen, showcase);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const violation of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
        found.push(`${screen.name}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      }
    }
    expect(found).toEqual([]);
  } finally {
    showcase.cleanup();
  }
});
