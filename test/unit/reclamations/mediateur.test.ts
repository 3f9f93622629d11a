import { describe, expect, it } from 'vitest';
import { instantPlusJours } from '../../../server/calendrier/dates.ts';
import { echeances } from '../../../server/reclamations/delais.ts';
import { peutSaisirLeMediateur, type ReclamationPourMediateur } from '../../../server/reclamations/mediateur.ts';

/** Une réclamation reçue le lundi 23 novembre 2026 à 10 h (Paris) : réponse due au plus tard le jeudi 7 janvier 2027. */
const uneReclamation = (surcharges: Partial<ReclamationPourMediateur> = {}): ReclamationPourMediateur => ({
  numero: 'R-2026-K7M4QX',
  dateReception: '2026-11-23',
  reponseAvant: '2027-01-07',
  reponduLe: null,
  mediateurDemandeLe: null,
  ...surcharges,
});
const a = (instant: string) => new Date(instant);

describe('§3.7 : le médiateur seulement après une première réclamation auprès de l’opérateur', () => {
  it('sans réclamation à l’opérateur, le médiateur ne peut pas être saisi', () => {
    const d = peutSaisirLeMediateur(undefined, a('2027-06-01T10:00:00Z'));
    expect(d).toMatchObject({ possible: false, raison: 'AUCUNE_RECLAMATION', aJoindre: [] });
    expect(d.explication).toContain('première réclamation');
  });

  it('le jour du dépôt, sans réponse, pas encore : il faut attendre la réponse ou le 46e jour', () => {
    const d = peutSaisirLeMediateur(uneReclamation(), a('2026-11-23T09:00:00Z'));
    expect(d).toMatchObject({ possible: false, raison: 'EN_ATTENTE_DE_REPONSE', possibleApartirDu: '2027-01-08' });
    expect(d.explication).toContain('jeudi 7 janvier 2027');
  });
});

describe('§3.7 : après une réponse qui ne satisfait pas', () => {
  it('dès la réponse de l’opérateur, même le jour même, la saisine est possible', () => {
    const d = peutSaisirLeMediateur(uneReclamation({ reponduLe: '2026-11-25T14:00:00.000Z' }), a('2026-11-25T14:00:01Z'));
    expect(d).toMatchObject({ possible: true, raison: 'REPONSE_RECUE' });
    expect(d.aJoindre.join(' ')).toContain('Notre réponse');
  });

  it('une réponse tardive ouvre aussi la saisine', () => {
    expect(peutSaisirLeMediateur(uneReclamation({ reponduLe: '2027-02-01T09:00:00.000Z' }), a('2027-02-01T10:00:00Z')).raison).toBe(
      'REPONSE_RECUE',
    );
  });
});

describe('§3.7 : après 45 jours sans réponse', () => {
  it('le 45e jour (jeudi 7 janvier 2027) à 23 h 59 à Paris, pas encore', () => {
    expect(peutSaisirLeMediateur(uneReclamation(), a('2027-01-07T22:59:00Z')).possible).toBe(false);
  });

  it('le 46e jour à 0 h à Paris (23 h UTC la veille), oui', () => {
    const d = peutSaisirLeMediateur(uneReclamation(), a('2027-01-07T23:00:00Z'));
    expect(d).toMatchObject({ possible: true, raison: 'DELAI_DE_REPONSE_DEPASSE' });
    expect(d.aJoindre.join(' ')).toContain('pas reçu de réponse');
  });

  it('longtemps après, toujours oui tant qu’il n’y a pas de réponse', () => {
    expect(peutSaisirLeMediateur(uneReclamation(), a('2028-01-01T12:00:00Z')).raison).toBe('DELAI_DE_REPONSE_DEPASSE');
  });
});

describe('ce qu’il faut joindre et quand le médiateur est déjà saisi', () => {
  it('liste le numéro, la copie des échanges et les coordonnées', () => {
    const { aJoindre } = peutSaisirLeMediateur(uneReclamation({ reponduLe: '2026-12-01T09:00:00.000Z' }), a('2026-12-02T09:00:00Z'));
    expect(aJoindre).toHaveLength(4);
    expect(aJoindre[0]).toContain('R-2026-K7M4QX');
    expect(aJoindre[1]).toContain('échanges');
    expect(aJoindre[3]).toContain('coordonnées');
  });

  it('quand le médiateur a demandé le dossier, le dit (et la saisine reste possible)', () => {
    const d = peutSaisirLeMediateur(
      uneReclamation({ reponduLe: '2026-12-01T09:00:00.000Z', mediateurDemandeLe: '2027-01-15' }),
      a('2027-01-20T09:00:00Z'),
    );
    expect(d).toMatchObject({ possible: true, raison: 'MEDIATEUR_DEJA_SAISI' });
    expect(d.explication).toContain('vendredi 15 janvier 2027');
  });

  it('est pure : le même appel donne la même réponse', () => {
    const r = uneReclamation();
    const m = a('2027-01-10T09:00:00Z');
    expect(peutSaisirLeMediateur(r, m)).toEqual(peutSaisirLeMediateur(r, m));
    expect(r.reponduLe).toBeNull();
  });
});

describe('sur toute une année de dates de dépôt et d’instants', () => {
  it('oui si et seulement si réponse, ou plus de 45 jours calendaires écoulés depuis la réception', () => {
    // Dépôts à midi, heure de Paris : ajouter N fois 24 h avance la date civile de N jours, changement d'heure compris.
    for (let jour = 0; jour < 366; jour += 3) {
      const recue = instantPlusJours(new Date('2026-01-01T11:00:00Z'), jour);
      const e = echeances(recue);
      const r = uneReclamation({ dateReception: e.dateReception, reponseAvant: e.reponseAvant });
      for (const decalage of [0, 44, 45, 46, 60]) {
        const instant = instantPlusJours(recue, decalage);
        const attendu = decalage >= 46;
        expect(peutSaisirLeMediateur(r, instant).possible, `${recue.toISOString()} + ${decalage}`).toBe(attendu);
        expect(peutSaisirLeMediateur({ ...r, reponduLe: instant.toISOString() }, instant).possible).toBe(true);
      }
    }
  });
});
