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

/** Largeur de la fenêtre d'un téléphone étroit (WCAG 1.4.10, RGAA 10.11). */
export const LARGEUR_REFLOW = 320;

/** Vérifie que la page, affichée sur 320 px de large, ne défile pas horizontalement (voir `depassementA320`). */
export async function verifierReflow(page: Page) {
  expect(await depassementA320(page), `défilement horizontal à ${LARGEUR_REFLOW} px sur ${page.url()}`).toBeNull();
}

/**
 * Affiche la page sur 320 px de large : `null` si elle ne défile pas horizontalement, sinon la largeur du document et les
 * éléments qui dépassent le plus (hors contenus qui défilent dans leur propre zone, comme un tableau large).
 */
export async function depassementA320(page: Page): Promise<string | null> {
  const taille = page.viewportSize();
  await page.setViewportSize({ width: LARGEUR_REFLOW, height: 640 });
  const depassement = await page.evaluate(() => {
    const largeur = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= largeur) return null;
    const defile = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const nom = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    const chemin = (el: Element) => {
      const noms: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && noms.length < 4; e = e.parentElement) noms.unshift(nom(e));
      return noms.join(' > ');
    };
    // Les éléments qui dépassent, hors contenus d'une zone qui défile d'elle-même ; on garde les plus profonds :
    // c'est eux qu'il faut corriger, pas leurs parents.
    const depassent = new Set<Element>();
    for (const el of document.body.querySelectorAll('*')) {
      let dansUneZone = false;
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) if (defile(e)) dansUneZone = true;
      if (!dansUneZone && el.getBoundingClientRect().right > largeur) depassent.add(el);
    }
    const fautifs = [...depassent]
      .filter((el) => ![...el.children].some((enfant) => depassent.has(enfant)))
      .map((el) => ({ chemin: chemin(el), droite: Math.round(el.getBoundingClientRect().right) }));
    // Rien hors des zones : un élément positionné en absolu s'en échappe ; on nomme alors les plus larges de tous.
    if (fautifs.length === 0)
      for (const el of document.body.querySelectorAll('*')) {
        const droite = Math.round(el.getBoundingClientRect().right);
        if (droite > largeur && ![...el.children].some((e) => e.getBoundingClientRect().right > largeur))
          fautifs.push({ chemin: chemin(el), droite });
      }
    fautifs.sort((a, b) => b.droite - a.droite);
    return `largeur du document ${document.documentElement.scrollWidth} px pour ${largeur} px ; dépassent : ${fautifs
      .slice(0, 3)
      .map((f) => `${f.chemin} (jusqu’à ${f.droite} px)`)
      .join(' ; ')}`;
  });
  if (taille) await page.setViewportSize(taille);
  return depassement;
}
