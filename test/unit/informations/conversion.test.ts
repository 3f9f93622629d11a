import { describe, expect, it } from 'vitest';
import { convertirHtml, passagesDe } from '../../../server/informations/conversion.ts';

const contexte = {
  urlSource: 'https://travail-emploi.gouv.fr/le-bilan-de-competences',
  niveauDeBase: 3 as const,
  liensInternes: new Map([
    ['https://travail-emploi.gouv.fr/le-compte-personnel-de-formation-cpf', '/informations/fiches/le-compte-personnel-de-formation-cpf'],
  ]),
};
const convertir = (html: string) => convertirHtml(html, contexte);

describe('la conversion du HTML des fiches', () => {
  it('ré-étage les intertitres sous le niveau de base sans sauter de niveau', () => {
    expect(convertir('<h2>A</h2><p>x</p><h5>B</h5><h2>C</h2>')).toBe('<h3>A</h3><p>x</p><h4>B</h4><h3>C</h3>');
    expect(convertir('<h4>Seul</h4>')).toBe('<h3>Seul</h3>');
  });

  it('retire les intertitres vides, les images, les scripts et les styles en ligne', () => {
    const html = convertir(
      '<h3> </h3><p style="color:red" onclick="x()">Texte<img src="https://x/a.png" alt=""></p><script>alert(1)</script>',
    );
    expect(html).toBe('<p>Texte</p>');
  });

  it('garde sur le portail un lien vers une fiche importée, avec son ancre', () => {
    expect(convertir('<a href="/le-compte-personnel-de-formation-cpf/#financer" target="_blank">le CPF</a>')).toBe(
      '<a href="/informations/fiches/le-compte-personnel-de-formation-cpf#financer">le CPF</a>',
    );
  });

  it('résout un lien relatif vers le site source et le marque externe', () => {
    expect(convertir('<a href="/la-demission" target="_blank" title="nouvelle fenêtre">La démission</a>')).toBe(
      '<a href="https://travail-emploi.gouv.fr/la-demission" rel="external noopener" class="lien-externe">La démission<span class="visuellement-cache"> (site externe)</span></a>',
    );
  });

  it('supprime les liens vides et neutralise les liens javascript', () => {
    expect(convertir('<p><a href="https://x.fr"><img src="a.png"></a><a href="javascript:alert(1)">clic</a></p>')).toBe('<p>clic</p>');
  });

  it('donne des en-têtes à un tableau qui n’en a pas', () => {
    const html = convertir(
      '<table><tbody><tr><td></td><td>Avant</td></tr><tr><td>Cas général</td><td>6 semaines</td></tr></tbody></table>',
    );
    expect(html).toContain('<th scope="col">Avant</th>');
    expect(html).toContain('<td>Cas général</td>');
  });

  it('fait défiler chaque tableau dans sa propre zone nommée, atteignable au clavier, et ne garde aucun rôle de la source', () => {
    expect(convertir('<table><caption>Durées</caption><tr><th>Cas</th><th>Durée</th></tr></table>')).toMatch(
      /^<section class="defilant" tabindex="0" aria-label="Durées"><table><caption>Durées<\/caption>/,
    );
    expect(convertir('<table><tr><td>Cas</td><td>Durée</td></tr><tr><td>A</td><td>1 an</td></tr></table>')).toContain(
      '<section class="defilant" tabindex="0" aria-label="Tableau : Cas, Durée">',
    );
    expect(convertir('<div role="region" tabindex="0" aria-label="piège" class="defilant">x</div>')).toBe('<div>x</div>');
    expect(convertir('<section class="defilant" tabindex="0" aria-label="piège"><p>x</p></section>')).toBe('<p>x</p>');
  });

  it('transforme les accordéons en details/summary et les vidéos en lien', () => {
    const html = convertir(
      '<section class="fr-accordion"><h3 class="fr-accordion__title"><button aria-expanded="false">Retranscription</button></h3><div class="fr-collapse" id="a1"><p>Bonjour</p></div></section>' +
        '<div class="fr-content-media" data-src="https://www.youtube.com/embed/abc" data-title="La VAE"></div>',
    );
    expect(html).toBe(
      '<details><summary>Retranscription</summary><div><p>Bonjour</p></div></details><p><a href="https://www.youtube.com/embed/abc" rel="external noopener" class="lien-externe">Voir la vidéo : La VAE<span class="visuellement-cache"> (site externe)</span></a></p>',
    );
  });

  it('découpe le texte en passages sans le texte caché des liens', () => {
    expect(passagesDe(convertir('<p>Un <a href="/x">lien</a>.</p><ul><li>Deux</li></ul>'))).toEqual(['Un lien.', 'Deux']);
  });
});
