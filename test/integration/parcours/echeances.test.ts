import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executer } from '../../../db/moteur.ts';
import { abandonnerUoEchues, fileDesUo } from '../../../server/parcours/echeances.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { ajouterInteraction, engager } from '../../../server/parcours/service.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;

async function uo1(date: string, surcharges: Record<string, unknown> = {}) {
  const dossier = await p.unDossier({ email: `${Math.random()}@exemple.fr`, ...surcharges });
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

/** La commande lit la base par sa propre connexion : sur SQLite, le journal WAL versé d'abord dans le fichier. */
const attendreLaCommande = () => {
  if (p.moteur === 'sqlite') p.deps.db.$client.pragma('wal_checkpoint(TRUNCATE)');
};

describe.each(MOTEURS)('les échéances du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-10-01T10:00:00Z', deploiement: { lots: [1, 5, 14] } });
  });
  afterEach(() => p.fermer());

  describe('la file des conseillers (UO à risque et en retard)', () => {
    it('montre les UO à 10 jours ouvrés ou moins, et celles en retard, de la plus pressante à la moins', async () => {
      const enRetard = await uo1('2026-09-01'); // échéance 2026-11-01
      const aRisque = await uo1('2026-09-20'); // échéance 2026-11-20
      const tranquille = await uo1('2026-10-01'); // échéance 2026-12-01
      p.horloge.aller('2026-11-09T10:00:00Z'); // lundi 9 novembre ; le 11 est férié
      const resultat = await fileDesUo(p.deps);
      const file = resultat.lignes;
      expect([resultat.enRetard, resultat.aRisque]).toEqual([1, 1]);
      expect(file.map((l) => [l.numero, l.etat])).toEqual([
        [enRetard.numero, 'en-retard'],
        [aRisque.numero, 'a-risque'],
      ]);
      // Du lundi 9 au vendredi 20 novembre inclus : 10 jours ouvrés moins le 11 novembre.
      expect(file[1]!.joursOuvresRestants).toBe(9);
      expect(file[0]!.joursDeRetard).toBe(8);
      expect(file.some((l) => l.numero === tranquille.numero)).toBe(false);
    });

    it('compte les jours fériés du territoire de la personne (Alsace-Moselle : Vendredi saint)', async () => {
      p.horloge.aller('2027-02-01T10:00:00Z');
      const moselle = await uo1('2027-02-01', { commune: '57463' }); // Metz, échéance jeudi 1er avril 2027
      const paris = await uo1('2027-02-01');
      p.horloge.aller('2027-03-17T10:00:00Z');
      const file = (await fileDesUo(p.deps)).lignes;
      // Du mercredi 17 mars au jeudi 1er avril inclus : 11 jours ouvrés à Paris (lundi de Pâques férié), 10 à Metz où le
      // Vendredi saint (26 mars) est aussi férié.
      expect(file.find((l) => l.numero === paris.numero)).toBeUndefined();
      expect(file.find((l) => l.numero === moselle.numero)?.joursOuvresRestants).toBe(10);
    });

    it('filtre sur un référent', async () => {
      const dossier = await p.unDossier({ email: 'ref@exemple.fr' });
      await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-04-10', referentId: p.autreConseiller.id });
      await uo1('2026-08-10');
      expect((await fileDesUo(p.deps, { referentId: p.autreConseiller.id })).lignes.map((l) => l.uo)).toEqual(['21']);
    });

    it('compte toutes les UO en retard et à risque, mais ne lit l’identité que des premières lignes', async () => {
      for (let i = 0; i < 3; i++) await uo1('2026-09-01');
      p.horloge.aller('2026-11-09T10:00:00Z');
      const file = await fileDesUo(p.deps, { limite: 2 });
      expect([file.enRetard, file.lignes.length, file.lignes[0]!.nom]).toEqual([3, 2, 'Martin']);
    });

    it('pagine la file : la page suivante reprend où la première s’arrête, et les comptes restent ceux de toute la file', async () => {
      const uos = [];
      for (const d of ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-20', '2026-09-21']) uos.push(await uo1(d));
      p.horloge.aller('2026-11-09T10:00:00Z');
      const premiere = await fileDesUo(p.deps, { limite: 2 });
      const suivante = await fileDesUo(p.deps, { limite: 2, decalage: 2 });
      const derniere = await fileDesUo(p.deps, { limite: 2, decalage: 4 });
      expect([premiere.enRetard, premiere.aRisque]).toEqual([3, 2]);
      expect([suivante.enRetard, suivante.aRisque]).toEqual([3, 2]);
      expect([...premiere.lignes, ...suivante.lignes, ...derniere.lignes].map((l) => l.numero)).toEqual(uos.map((u) => u.numero));
    });

    it('garde dans la file une échéance tombée le samedi après le 10ᵉ jour ouvré (10 jours ouvrés restants), pas le lundi suivant', async () => {
      // Lundi 16 novembre 2026 : le 10ᵉ jour ouvré après le dimanche 15 est le vendredi 27.
      const samedi = await uo1('2026-09-28'); // échéance samedi 28 novembre : 10 jours ouvrés restants
      const lundi = await uo1('2026-09-30'); // échéance lundi 30 novembre : 11 jours ouvrés restants
      p.horloge.aller('2026-11-16T10:00:00Z');
      const file = await fileDesUo(p.deps);
      expect(file.lignes.map((l) => [l.numero, l.joursOuvresRestants])).toEqual([[samedi.numero, 10]]);
      expect(file.lignes.some((l) => l.numero === lundi.numero)).toBe(false);
      expect(file.aRisque).toBe(1);
    });

    it('compte le 11 novembre férié : une échéance au lundi 16 novembre, vue le lundi 2, reste à 10 jours ouvrés', async () => {
      const lundi16 = await uo1('2026-09-16');
      const mardi17 = await uo1('2026-09-17');
      p.horloge.aller('2026-11-02T10:00:00Z');
      const file = await fileDesUo(p.deps);
      expect(file.lignes.map((l) => [l.numero, l.joursOuvresRestants])).toEqual([[lundi16.numero, 10]]);
      expect(file.lignes.some((l) => l.numero === mardi17.numero)).toBe(false);
    });
  });

  describe('l’abandon automatique (horloge fixe)', () => {
    it('clôt pour abandon le lendemain de l’échéance, datée de l’échéance, auditée par le système ; pas la veille', async () => {
      const uo = await uo1('2026-09-01'); // échéance 2026-11-01
      p.horloge.aller('2026-11-01T22:00:00Z'); // 23 h à Paris : encore le dernier jour
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([]);
      p.horloge.aller('2026-11-01T23:30:00Z'); // 0 h 30 le 2 novembre à Paris
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([uo.numero]);
      expect(await depotParcours(p.deps.db).uo(uo.id)).toMatchObject({
        statut: 'close',
        motifCloture: 'abandon',
        dateCloture: '2026-11-01',
      });
      expect(await auditSur(p.deps, 'parcours.cloture')).toEqual([
        {
          acteur: 'systeme',
          action: 'parcours.cloture',
          cible: uo.numero,
          details: JSON.stringify({ uo: '01', motif: 'abandon', date: '2026-11-01' }),
        },
      ]);
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([]);
    });

    it('attend la fin du dernier jour dans le fuseau de la personne (Guadeloupe, UTC−4)', async () => {
      const uo = await uo1('2026-09-01', { commune: '97101' }); // Les Abymes, échéance 2026-11-01
      p.horloge.aller('2026-11-02T02:00:00Z'); // le 1er novembre, 22 h en Guadeloupe
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([]);
      p.horloge.aller('2026-11-02T04:30:00Z');
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([uo.numero]);
    });

    it('ne clôt pas une UO dont la personne a sollicité le conseil après l’échéance', async () => {
      const uo = await uo1('2026-09-01');
      await executer(p.deps.db, sql`update unites_oeuvre set derniere_sollicitation = '2026-11-03' where id = ${uo.id}`);
      p.horloge.aller('2026-11-05T10:00:00Z');
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([]);
    });

    it('clôt une UO dont la dernière sollicitation précède l’échéance', async () => {
      const uo = await uo1('2026-09-01');
      p.horloge.aller('2026-10-20T10:00:00Z');
      await ajouterInteraction(p.deps, p.conseiller, uo.id, {
        date: '2026-10-20',
        mode: 'telephone',
        dureeMinutes: 20,
        aLInitiativeDeLaPersonne: true,
      });
      p.horloge.aller('2026-11-05T10:00:00Z');
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([uo.numero]);
    });

    it('ne touche ni aux UO déjà closes ni à celles dans les délais', async () => {
      await uo1('2026-10-01');
      p.horloge.aller('2026-11-05T10:00:00Z');
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([]);
    });

    it('la commande npm run parcours:abandons clôt les UO échues de la base désignée par DATABASE_URL', async () => {
      const uo = await uo1('2020-01-06');
      attendreLaCommande();
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/parcours-abandons.ts'], {
        env: { ...process.env, DATABASE_URL: p.urlBase },
        encoding: 'utf8',
      });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`1 UO closes pour abandon :\n${uo.numero}`);
      expect((await depotParcours(p.deps.db).uo(uo.id))?.motifCloture).toBe('abandon');
    });

    it('la commande avec --date rejoue le travail d’un jour donné : rien la veille de l’échéance dépassée, l’abandon le lendemain', async () => {
      const uo = await uo1('2026-09-10'); // échéance 2026-11-10
      attendreLaCommande();
      const lancer = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/parcours-abandons.ts', ...args], {
          env: { ...process.env, DATABASE_URL: p.urlBase },
          encoding: 'utf8',
        });
      expect(lancer('--date', '2026-11-10').stdout).toContain('Aucune UO à clore');
      expect(lancer('--date', '2026-11-11').stdout).toContain(`1 UO closes pour abandon :\n${uo.numero}`);
      const mauvaise = lancer('--date', '11/11/2026');
      expect([mauvaise.status, mauvaise.stderr]).toEqual([1, expect.stringContaining('--date attend une date AAAA-MM-JJ')]);
    });
  });
});
