import { expect, test } from '@playwright/test';
import { tabulerVers } from './outils.ts';

test.describe('au clavier seul', () => {
  test('le lien d’évitement mène au contenu, puis l’en-tête se parcourt dans l’ordre', async ({ page }) => {
    await page.goto('/');
    expect(await tabulerVers(page)).toBe('Aller au contenu');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();

    await page.goto('/');
    const ordre: string[] = [];
    for (let i = 0; i < 6; i++) ordre.push(await tabulerVers(page));
    expect(ordre[0]).toBe('Aller au contenu');
    expect(ordre[1]).toContain('Portail CEP');
    expect(ordre.slice(2)).toEqual(['Orientation', 'Rendez-vous', 'Informations', 'Réclamation']);
  });

  test('le menu mène à chaque parcours avec Entrée et signale la page courante', async ({ page }) => {
    await page.goto('/');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await tabulerVers(page)).toBe('Rendez-vous');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/rendez-vous$/);
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Rendez-vous' })).toHaveAttribute('aria-current', 'page');
  });

  test('le pied de page se parcourt jusqu’aux pages légales, focus visible', async ({ page }) => {
    await page.goto('/mentions-legales');
    const atteints: string[] = [];
    for (let i = 0; i < 60 && !atteints.includes('Plan du site'); i++) {
      atteints.push(await tabulerVers(page));
      const contour = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      expect(contour).not.toBe('none');
    }
    for (const lien of ['site de France compétences', 'Accessibilité : partiellement conforme', 'Mentions légales', 'Données personnelles', 'Plan du site']) {
      expect(atteints).toContain(lien);
    }
  });
});
