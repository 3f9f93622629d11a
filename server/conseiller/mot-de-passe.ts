import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMETRES = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const LONGUEUR = 32;

function deriver(motDePasse: string, sel: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resoudre, rejeter) =>
    scrypt(motDePasse.normalize('NFKC'), sel, LONGUEUR, options, (erreur, cle) => (erreur ? rejeter(erreur) : resoudre(cle))),
  );
}

/** Longueur minimale d'un mot de passe de l'espace conseiller (recommandation ANSSI pour un facteur unique). */
export const LONGUEUR_MIN_MOT_DE_PASSE = 12;

/** Empreinte scrypt salée : `scrypt$N$r$p$sel$empreinte` (base64url). */
export async function hacherMotDePasse(motDePasse: string): Promise<string> {
  const sel = randomBytes(16);
  const cle = await deriver(motDePasse, sel, PARAMETRES);
  return ['scrypt', PARAMETRES.N, PARAMETRES.r, PARAMETRES.p, sel.toString('base64url'), cle.toString('base64url')].join('$');
}

/** Vrai si le mot de passe correspond à l'empreinte (comparaison à temps constant). */
export async function verifierMotDePasse(motDePasse: string, empreinte: string): Promise<boolean> {
  const [algo, n, r, p, sel, attendu] = empreinte.split('$');
  if (algo !== 'scrypt' || !n || !r || !p || !sel || !attendu) return false;
  const cle = await deriver(motDePasse, Buffer.from(sel, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMETRES.maxmem });
  const reference = Buffer.from(attendu, 'base64url');
  return reference.length === cle.length && timingSafeEqual(reference, cle);
}

/** Une empreinte factice, pour que la vérification d'un identifiant inconnu prenne le même temps. */
export const EMPREINTE_FACTICE = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
