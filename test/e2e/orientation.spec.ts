import { expect, test, type Page } from '@playwright/test';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

/** Le nom accessible de l'élément qui a le focus : son libellé, son texte ou son nom. */
async function focalise(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '';
    const libelle = el.labels?.[0]?.innerText ?? el.getAttribute('aria-label') ?? el.innerText ?? '';
    return libelle.replace(/\s+/g, ' ').trim();
  });
}

/** L'île de l'assistant a fini de s'hydrater : avant, Tab parcourt encore le formulaire sans JavaScript. */
async function ileHydratee(page: Page) {
  await expect(page.locator('astro-island[component-url*="Assistant"]').first()).not.toHaveAttribute('ssr', /.*/);
}

/** Appuie sur Tab jusqu'à l'élément dont le nom correspond (au plus 60 fois). */
async function tabulerJusqua(page: Page, nom: RegExp) {
  const vus: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const actuel = await focalise(page);
    if (nom.test(actuel)) return;
    vus.push(actuel);
  }
  throw new Error(`Tab n’atteint pas ${nom} ; vus : ${vus.join(' | ')}`);
}

/** Appuie sur une touche qui envoie le formulaire (sans JavaScript) et attend la page suivante. */
async function envoyer(page: Page, touche = 'Enter') {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press(touche)]);
}

async function questionAffichee(page: Page, texte: RegExp) {
  await expect(page.getByRole('heading', { level: 2, name: texte })).toBeFocused();
}

test.describe('l’assistant d’orientation, au clavier seul', () => {
  test('du texte libre aux boutons, jusqu’au résultat, puis retour sur une réponse', async ({ page }) => {
    await page.goto('/orientation');
    const situation = page.getByRole('heading', { level: 2, name: 'Quelle est votre situation aujourd’hui ?' });
    await expect(situation).toBeVisible();
    // L'assistant remplace le formulaire pas à pas : un seul parcours à l'écran.
    await expect(page.getByRole('button', { name: 'Continuer' })).toBeHidden();
    await verifierAccessibilite(page);
    await ileHydratee(page);

    // Réponse tapée : plusieurs informations d'un coup.
    await tabulerJusqua(page, /Ou décrivez votre situation/);
    await page.keyboard.type('je suis salariée en CDI, j’ai 24 ans');
    await page.keyboard.press('Enter');
    await questionAffichee(page, /Êtes-vous déjà accompagné/);
    await expect(page.getByRole('status')).toContainText('Compris. Situation : Salarié ou salariée du secteur privé');
    await expect(page.getByRole('status')).toContainText('Âge : 24 ans');
    // Ce qui a été compris se voit, pas seulement au lecteur d'écran, avec « Corriger ».
    const compris = page.locator('.assistant__compris');
    await expect(compris).toContainText('J’ai compris : Situation : Salarié ou salariée du secteur privé');
    await expect(compris).toContainText('Âge : 24 ans —');
    await expect(compris.getByRole('button', { name: 'Corriger ce que j’ai compris' })).toBeVisible();
    await verifierAccessibilite(page);

    // Réponses par boutons.
    await tabulerJusqua(page, /^Non, personne ne m’accompagne$/);
    await page.keyboard.press('Enter');
    await questionAffichee(page, /reconnaissance de handicap/);
    await tabulerJusqua(page, /^Non$/);
    await page.keyboard.press('Enter');
    await questionAffichee(page, /^Êtes-vous cadre/);
    await tabulerJusqua(page, /^Non$/);
    await page.keyboard.press('Enter');

    // Commune tapée, ambiguë : on choisit parmi les propositions.
    await questionAffichee(page, /Dans quelle commune habitez-vous/);
    await tabulerJusqua(page, /Nom ou code postal/);
    await page.keyboard.type('saint denis');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Plusieurs communes correspondent. Laquelle ?')).toBeFocused();
    await verifierAccessibilite(page);
    await tabulerJusqua(page, /^Saint-Denis \(93\)$/);
    await page.keyboard.press('Enter');
    await questionAffichee(page, /Travaillez-vous dans une autre région/);
    await tabulerJusqua(page, /^Non, même région$/);
    await page.keyboard.press('Enter');

    // Le résultat : la Mission locale (24 ans), l'opérateur régional comme autre choix, avec ses lieux.
    await expect(page.getByRole('heading', { level: 2, name: 'Notre conseil' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 3, name: 'Mission locale' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 4, name: 'Avenir Actifs Île-de-France (démonstration)' })).toBeVisible();
    await expect(page.getByText('Site de démonstration : ces coordonnées sont des exemples.')).toBeVisible();
    await verifierAccessibilite(page);

    // « Modifier » le handicap : seule cette question est reposée, les réponses suivantes sont gardées.
    await tabulerJusqua(page, /Modifier la réponse « Handicap »/);
    await page.keyboard.press('Enter');
    await questionAffichee(page, /reconnaissance de handicap/);
    await expect(page.locator('.assistant__fil')).toContainText('Saint-Denis (93)');
    await tabulerJusqua(page, /^Oui$/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Notre conseil' })).toBeFocused();
    await expect(page.getByRole('heading', { level: 3, name: 'Cap emploi' })).toBeVisible();

    // Demander un rendez-vous : seule la situation, cochée, est transmise.
    await tabulerJusqua(page, /Transmettre ma situation : salarié du secteur privé/);
    await page.keyboard.press('Space');
    await tabulerJusqua(page, /Demander un rendez-vous/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/rendez-vous\?origine=orientation&situation=salarie_prive$/);
  });

  test('une réponse incomprise le dit, et le conseiller est joignable à chaque étape', async ({ page }) => {
    await page.goto('/orientation');
    await ileHydratee(page);
    await tabulerJusqua(page, /Ou décrivez votre situation/);
    await page.keyboard.type('bonjour');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Je n’ai pas compris.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Ou décrivez votre situation/ })).toHaveAttribute('aria-invalid', 'true');
    await verifierAccessibilite(page);

    await tabulerJusqua(page, /Vous préférez parler à un conseiller/);
    await page.keyboard.press('Enter');
    const conseiller = page.getByRole('complementary', { name: 'Parler à un conseiller' });
    await expect(conseiller).toBeFocused();
    await expect(conseiller).toContainText('01 00 00 00 00 (numéro d’exemple)');
    await expect(conseiller.getByRole('link', { name: 'Demander à être rappelé par un conseiller' })).toHaveAttribute(
      'href',
      '/rendez-vous?rappel=1',
    );
  });
});

/** Retient les scripts des îles jusqu'à `liberer()` : un téléphone sur un réseau lent (comme les tests de commune.spec.ts). */
async function retenirLesScripts(page: Page): Promise<() => void> {
  let liberer: () => void = () => {};
  const scriptsRetenus = new Promise<void>((resoudre) => (liberer = resoudre));
  await page.route('**/_astro/*.js', async (route) => {
    await scriptsRetenus;
    await route.continue();
  });
  return liberer;
}
/** Attend que l'île de l'assistant soit hydratée (Astro retire alors l'attribut `ssr`). */
test.describe('l’assistant sur un réseau lent : ce qui est fait avant l’arrivée du script n’est pas perdu', () => {
  test('une réponse cochée avant l’arrivée du script reste cochée, et « Continuer » mène à la question suivante', async ({ page }) => {
    const liberer = await retenirLesScripts(page);
    await page.goto('/orientation', { waitUntil: 'domcontentloaded' });
    const salarie = page.getByRole('radio', { name: /^Salarié ou salariée du secteur privé/ });
    await salarie.check();
    liberer();
    await ileHydratee(page);
    await expect(salarie).toBeChecked();
    await expect(salarie).toBeVisible();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Êtes-vous déjà accompagné/ })).toBeVisible();
  });

  test('« Continuer » cliqué avant l’arrivée du script reçoit sa réponse : la question suivante', async ({ page }) => {
    const liberer = await retenirLesScripts(page);
    await page.goto('/orientation', { waitUntil: 'domcontentloaded' });
    await page.getByRole('radio', { name: /^Salarié ou salariée du secteur privé/ }).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    liberer();
    await expect(page.getByRole('heading', { level: 2, name: /Êtes-vous déjà accompagné/ })).toBeVisible();
  });

  test('une question tapée avant l’arrivée du script est gardée, avec le focus', async ({ page }) => {
    const liberer = await retenirLesScripts(page);
    await page.goto('/orientation', { waitUntil: 'domcontentloaded' });
    const champ = page.getByLabel('Vous avez une question ? Posez-la ici');
    await champ.focus();
    await page.keyboard.type('C’est quoi le CPF');
    liberer();
    await ileHydratee(page);
    await expect(champ).toHaveValue('C’est quoi le CPF');
    await expect(champ).toBeFocused();
    await page.keyboard.type(' ?');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Ce que dit la fiche officielle' })).toBeVisible();
  });

  test('sans rien toucher avant l’arrivée du script, l’assistant remplace le formulaire pas à pas', async ({ page }) => {
    const liberer = await retenirLesScripts(page);
    await page.goto('/orientation', { waitUntil: 'domcontentloaded' });
    liberer();
    await ileHydratee(page);
    await expect(page.locator('#orientation-pas-a-pas')).toBeHidden();
    await expect(page.getByRole('button', { name: /^Salarié ou salariée du secteur privé/ })).toBeVisible();
  });
});

test.describe('le parcours pas à pas sans JavaScript, au clavier seul', () => {
  test.use({ javaScriptEnabled: false });

  test('mène au même résultat, avec erreurs expliquées et réponses modifiables', async ({ page, browser }) => {
    await page.goto('/orientation');
    await verifierAccessibiliteSansJs(page, browser);

    // Situation : le premier choix, coché avec Espace.
    await tabulerJusqua(page, /^Salarié ou salariée du secteur privé/);
    await page.keyboard.press('Space');
    await tabulerJusqua(page, /^Continuer$/);
    await envoyer(page);
    await expect(page.getByRole('heading', { level: 2, name: /Êtes-vous déjà accompagné/ })).toBeVisible();

    // Envoi sans réponse : résumé d'erreurs en tête, message près du champ.
    await tabulerJusqua(page, /^Continuer$/);
    await envoyer(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Votre réponse est à corriger' })).toBeVisible();
    await expect(page.getByRole('group', { name: /Êtes-vous déjà accompagné/ })).toHaveAttribute(
      'aria-describedby',
      'orientation-aide orientation-erreur',
    );
    await verifierAccessibiliteSansJs(page, browser);
    await tabulerJusqua(page, /^Non, personne ne m’accompagne$/);
    await page.keyboard.press('Space');
    await tabulerJusqua(page, /^Continuer$/);
    await envoyer(page);

    // Âge, handicap (passé), cadre (Non avec la flèche).
    await tabulerJusqua(page, /^Quel âge avez-vous/);
    await page.keyboard.type('24');
    await envoyer(page);
    await expect(page.locator('.orientation-compris')).toContainText('J’ai compris : Âge : 24 ans —');
    await expect(page.getByRole('button', { name: 'Corriger la réponse « Âge »' })).toBeVisible();
    await tabulerJusqua(page, /^Je préfère ne pas répondre$/);
    await envoyer(page);
    await expect(page.getByRole('heading', { level: 2, name: 'Êtes-vous cadre ?' })).toBeVisible();
    await tabulerJusqua(page, /^Oui$/);
    await page.keyboard.press('ArrowDown');
    await tabulerJusqua(page, /^Continuer$/);
    await envoyer(page);

    // Commune ambiguë : le choix se fait dans une liste.
    await tabulerJusqua(page, /^Dans quelle commune habitez-vous/);
    await page.keyboard.type('Saint-Denis');
    await envoyer(page);
    await expect(page.getByText('Plusieurs communes correspondent : choisissez la vôtre dans la liste.').first()).toBeVisible();
    await verifierAccessibiliteSansJs(page, browser);
    // La commune de la région servie vient en tête, comme dans l'autocomplétion.
    await tabulerJusqua(page, /^Saint-Denis \(93\)/);
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: /^Saint-Denis \(93\)/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /^Saint-Denis \(974\)/ })).toBeVisible();
    await tabulerJusqua(page, /^Continuer$/);
    await envoyer(page);
    await tabulerJusqua(page, /^Non, même région$/);
    await envoyer(page);

    // Le même résultat que l'assistant.
    await expect(page.getByRole('heading', { level: 2, name: 'Notre conseil' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Mission locale' })).toBeVisible();
    await expect(page.getByText('Cette réponse serait plus précise avec : handicap.')).toBeVisible();
    await verifierAccessibiliteSansJs(page, browser);

    // « Modifier » l'âge : 30 ans ; les réponses suivantes sont gardées, le conseil devient l'opérateur régional.
    await tabulerJusqua(page, /Modifier la réponse « Âge »/);
    await envoyer(page);
    expect(new URL(page.url()).hash).toBe('#orientation-pas-a-pas');
    await tabulerJusqua(page, /^Quel âge avez-vous/);
    await page.keyboard.type('30');
    await envoyer(page);
    await expect(page.getByRole('heading', { level: 3, name: 'Avenir Actifs Île-de-France (démonstration)' })).toBeVisible();
    await tabulerJusqua(page, /Transmettre ma commune : Saint-Denis \(93\)/);
    await page.keyboard.press('Space');
    await tabulerJusqua(page, /Demander un rendez-vous/);
    await envoyer(page);
    await expect(page).toHaveURL(/\/rendez-vous\?origine=orientation&commune=93066$/);
  });
});

test.describe('les envois du formulaire', () => {
  test('un envoi venu d’un autre site est refusé, un envoi qui n’est pas un formulaire recommence le parcours', async ({
    request,
    baseURL,
  }) => {
    const ailleurs = await request.post('/orientation', {
      headers: { origin: 'https://autre-site.example' },
      form: { etape: 'situation', reponse: 'salarie_prive' },
    });
    expect(ailleurs.status()).toBe(403);
    const ici = await request.post('/orientation', {
      headers: { origin: baseURL! },
      form: { etape: 'situation', reponse: 'salarie_prive' },
    });
    expect(ici.status()).toBe(200);
    expect(await ici.text()).toContain('Êtes-vous déjà accompagné');
    const json = await request.post('/orientation', { headers: { origin: baseURL! }, data: { situation: 'salarie_prive' } });
    expect(json.status()).toBe(200);
    expect(await json.text()).toContain('Quelle est votre situation aujourd’hui ?');
  });
});

test.describe('l’API d’orientation sur le serveur construit', () => {
  // Le corps y est lu du flux Node (server/http/corps.ts), pas de la Request de fetch comme dans les tests en processus.
  test('lit le corps JSON, refuse un corps illisible (400) ou trop gros (413)', async ({ request }) => {
    const ok = await request.post('/api/orientation', { data: { situation: 'salarie_prive', age: 23, communeResidence: '93066' } });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { recommandation: { operateur: string } }).recommandation.operateur).toBe('mission-locale');
    const illisible = await request.post('/api/orientation', { headers: { 'content-type': 'application/json' }, data: '{ pas du json' });
    expect(illisible.status()).toBe(400);
    const tableau = await request.post('/api/orientation/comprendre', { data: [1, 2] });
    expect(tableau.status()).toBe(400);
    const gros = await request.post('/api/orientation/comprendre', { data: { texte: 'x'.repeat(20_000) } });
    expect(gros.status()).toBe(413);
    expect(await gros.json()).toEqual({ erreurs: [{ champ: 'requete', message: 'La requête est trop volumineuse : 8 Kio au plus.' }] });
    // La connexion reste utilisable après un corps refusé.
    expect((await request.post('/api/orientation/comprendre', { data: { texte: 'RQTH' } })).status()).toBe(200);
  });
});

test.describe('une question posée pendant l’orientation', () => {
  test('l’assistant cite la fiche officielle avec sa date, puis l’orientation continue', async ({ page }) => {
    await page.goto('/orientation');
    await ileHydratee(page);
    await tabulerJusqua(page, /Ou décrivez votre situation/);
    await page.keyboard.type('c’est quoi le CPF ?');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Ce que dit la fiche officielle' })).toBeFocused();
    const source = page.locator('.assistant__source a');
    await expect(source).toHaveAttribute('href', /^\/informations\/fiches\/le-compte-personnel-de-formation-cpf/);
    await expect(page.locator('.assistant__source time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
    await verifierAccessibilite(page);
    await tabulerJusqua(page, /^Continuer l’orientation$/);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Quelle est votre situation aujourd’hui ?' })).toBeVisible();
  });

  test('le lien de la source de l’assistant mène à la fiche', async ({ page }) => {
    await page.goto('/orientation');
    await page.getByRole('textbox', { name: /Ou décrivez votre situation/ }).fill('c’est quoi le CPF ?');
    await page.keyboard.press('Enter');
    await page.locator('.assistant__source a').click();
    await expect(page).toHaveURL(/\/informations\/fiches\/le-compte-personnel-de-formation-cpf/);
    await expect(page.getByRole('heading', { level: 1, name: /compte personnel de formation/i })).toBeVisible();
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('le champ question de l’étape cite la fiche, garde les réponses, et le lien mène à la fiche', async ({ page, browser }) => {
      await page.goto('/orientation');
      await tabulerJusqua(page, /^Salarié ou salariée du secteur privé/);
      await page.keyboard.press('Space');
      await tabulerJusqua(page, /^Continuer$/);
      await envoyer(page);
      await expect(page.getByRole('heading', { level: 2, name: /Êtes-vous déjà accompagné/ })).toBeVisible();
      expect(new URL(page.url()).hash).toBe('#orientation-pas-a-pas');

      await tabulerJusqua(page, /^Vous avez une question \? Posez-la ici/);
      await page.keyboard.type('c’est quoi le CPF ?');
      await envoyer(page);
      await expect(page.getByText('Votre question : « c’est quoi le CPF ? »')).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Ce que dit la fiche officielle' })).toBeVisible();
      // L'orientation reprend là où elle en était, avec les réponses déjà données.
      await expect(page.getByRole('heading', { level: 2, name: /Êtes-vous déjà accompagné/ })).toBeVisible();
      await expect(page.locator('.orientation-recapitulatif')).toContainText('Salarié ou salariée du secteur privé');
      await verifierAccessibiliteSansJs(page, browser);

      // Une question hors sujet : on le dit, et on propose un conseiller.
      await tabulerJusqua(page, /^Vous avez une question \? Posez-la ici/);
      await page.keyboard.type('quel temps fera-t-il à Brest demain ?');
      await envoyer(page);
      await expect(page.getByRole('heading', { level: 2, name: 'Pas de réponse dans nos fiches' })).toBeVisible();
      await expect(page.locator('.orientation-reponse-question').getByRole('link', { name: 'Parler à un conseiller' })).toBeVisible();

      await tabulerJusqua(page, /^Vous avez une question \? Posez-la ici/);
      await page.keyboard.type('combien de temps dure un bilan de compétences ?');
      await envoyer(page);
      const source = page.locator('.orientation-reponse-question a').first();
      const adresse = await source.getAttribute('href');
      expect(adresse).toMatch(/^\/informations\/fiches\//);
      await source.click();
      await expect(page).toHaveURL(new RegExp(`${adresse!.split('#')[0]!}`));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  });
});

test.describe('« Parler à un conseiller » hors de la région servie', () => {
  test.use({ javaScriptEnabled: false });

  /** Sans JavaScript : la situation d'un salarié de 40 ans, jusqu'à la question de la commune. */
  async function jusquALaCommuneSansJs(page: Page) {
    await page.getByLabel(/^Salarié ou salariée du secteur privé/).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel(/^Non, personne ne m’accompagne$/).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByLabel(/^Quel âge avez-vous/).fill('40');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Je préfère ne pas répondre' }).click();
    await page.getByLabel(/^Non$/).check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByLabel(/^Dans quelle commune habitez-vous/)).toBeVisible();
  }

  test('une personne de Bordeaux n’a pas le numéro d’Île-de-France, mais qui joindre pour sa région', async ({ page }) => {
    await page.goto('/orientation');
    const conseiller = page.locator('#parler-conseiller');
    await expect(conseiller).toContainText('vous oriente par téléphone');
    await jusquALaCommuneSansJs(page);
    await page.getByLabel(/^Dans quelle commune habitez-vous/).fill('33000');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(conseiller).toContainText('il ne sert pas la région Nouvelle-Aquitaine');
    await expect(conseiller).not.toContainText('vous oriente par téléphone');
    await expect(conseiller.getByRole('link', { name: /francecompetences\.fr/ })).toHaveAttribute(
      'href',
      'https://www.francecompetences.fr/',
    );
  });

  test('« 33 » tapé à la question de la commune est compris comme la Gironde : montré, et le conseiller de sa région', async ({ page }) => {
    await page.goto('/orientation');
    await jusquALaCommuneSansJs(page);
    await page.getByLabel(/^Dans quelle commune habitez-vous/).fill('33');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.locator('.orientation-compris')).toContainText('J’ai compris : Département où vous habitez : Gironde (33) —');
    await expect(page.locator('#parler-conseiller')).toContainText('il ne sert pas la région Nouvelle-Aquitaine');
    await page.getByRole('button', { name: 'Non, même région' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Notre conseil' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: 'Opérateur régional – Nouvelle-Aquitaine' })).toBeVisible();
  });
});

/** Avec JavaScript : la situation d'un salarié de 40 ans, jusqu'à la question de la commune. */
async function jusquALaCommune(page: Page) {
  await page.goto('/orientation');
  await page.getByRole('button', { name: /^Salarié ou salariée du secteur privé/ }).click();
  await page.getByRole('button', { name: /^Non, personne ne m’accompagne$/ }).click();
  await page.getByRole('textbox').first().fill('40');
  await page.keyboard.press('Enter');
  // Attendre la question suivante : un clic pendant que la réponse tapée est comprise répondrait deux fois.
  await expect(page.getByRole('heading', { level: 2, name: /reconnaissance de handicap/ })).toBeFocused();
  await page.getByRole('button', { name: 'Je préfère ne pas répondre' }).click();
  await page.getByRole('button', { name: /^Non$/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Dans quelle commune habitez-vous/ })).toBeFocused();
}

test('l’assistant propose Saint-Ouen-sur-Seine pour « st ouen », comme l’autocomplétion', async ({ page }) => {
  await jusquALaCommune(page);
  await page.getByRole('textbox', { name: /Nom ou code postal/ }).fill('st ouen');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('button', { name: 'Saint-Ouen-sur-Seine (93)' }).or(page.getByText('Saint-Ouen-sur-Seine (93)').first()),
  ).toBeVisible();
});

test('l’assistant comprend « 92 » comme le département des Hauts-de-Seine, le montre, et conseille l’opérateur de la région', async ({
  page,
}) => {
  await jusquALaCommune(page);
  await page.getByRole('textbox', { name: /Nom ou code postal/ }).fill('92');
  await page.keyboard.press('Enter');
  await expect(page.getByText('J’ai compris : Département où vous habitez : Hauts-de-Seine (92)')).toBeVisible();
  await page.getByRole('button', { name: 'Non, même région' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Avenir Actifs Île-de-France (démonstration)' })).toBeVisible();
  await expect(page.locator('#parler-conseiller')).toContainText('vous oriente par téléphone');
});

test('avec JavaScript, « Parler à un conseiller » donne à une personne de Gironde qui joindre pour sa région, pas le numéro d’Île-de-France', async ({
  page,
}) => {
  await jusquALaCommune(page);
  const conseiller = page.locator('#parler-conseiller');
  await expect(conseiller).toHaveCount(1);
  await expect(conseiller).toContainText('vous oriente par téléphone');
  await page.getByRole('textbox', { name: /Nom ou code postal/ }).fill('33000');
  await page.keyboard.press('Enter');
  await expect(conseiller).toContainText('il ne sert pas la région Nouvelle-Aquitaine');
  await expect(conseiller).not.toContainText('vous oriente par téléphone');
  await expect(conseiller.getByRole('link', { name: /francecompetences\.fr/ })).toHaveAttribute(
    'href',
    'https://www.francecompetences.fr/',
  );
  // Le lien de l'assistant mène à ce conseiller-là.
  await page.getByRole('link', { name: 'Vous préférez parler à un conseiller ?' }).click();
  await expect(page.getByRole('complementary', { name: 'Parler à un conseiller' })).toBeFocused();
});
