import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** Les pages publiques listées à la construction (comme /sitemap.xml). */
export function pagesPubliques(): string[] {
  return JSON.parse(readFileSync('dist/pages.json', 'utf8')) as string[];
}

/** Vérifie qu'axe ne trouve aucune violation WCAG 2.0/2.1/2.2 A et AA sur la page affichée. */
export async function verifierAccessibilite(page: Page) {
  const resultat = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const resume = resultat.violations.map((v) => `${v.id} (${v.impact}) : ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(resume, `violations axe sur ${page.url()}`).toEqual([]);
}

/**
 * Même vérification pour une page affichée sans JavaScript : axe a besoin de JavaScript, on analyse donc
 * le même HTML (y compris le résultat d'un envoi de formulaire) dans un onglet où il est actif.
 */
export async function verifierAccessibiliteSansJs(page: Page, browser: Browser) {
  const html = await page.content();
  const contexte = await browser.newContext({ javaScriptEnabled: true });
  const analyse = await contexte.newPage();
  await analyse.goto(new URL('/plan-du-site', page.url()).href);
  await analyse.setContent(html, { waitUntil: 'load' });
  await verifierAccessibilite(analyse);
  await contexte.close();
}

/** Appuie sur Tab et rend le texte accessible de l'élément qui a le focus. */
export async function tabulerVers(page: Page, touches = 'Tab'): Promise<string> {
  await page.keyboard.press(touches);
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.innerText ?? el.getAttribute('name') ?? el.tagName).trim() : '';
  });
}
