// Governorate names by P-code, in the console's three languages: data, not
// UI text. Copied from data/governorates.geojson (OCHA COD-AB cod-ab-pse v01,
// Arabic and Hebrew added by hand there); keep the two in step. The map
// layer carries the same names, but the figures and the roster should not
// download the polygons to print sixteen names.
import type { Language } from '../i18n/languages';

export type GovernorateNames = Record<Language, string>;

export const kGovernorates: Readonly<Record<string, GovernorateNames>> = {
  PS0101: { en: "Jenin", ar: "جنين", he: "ג'נין" },
  PS0105: { en: "Tubas", ar: "طوباس", he: "טובאס" },
  PS0110: { en: "Tulkarm", ar: "طولكرم", he: "טול כרם" },
  PS0115: { en: "Nablus", ar: "نابلس", he: "שכם" },
  PS0120: { en: "Qalqilya", ar: "قلقيلية", he: "קלקיליה" },
  PS0125: { en: "Salfit", ar: "سلفيت", he: "סלפית" },
  PS0130: { en: "Ramallah", ar: "رام الله والبيرة", he: "רמאללה ואל-בירה" },
  PS0135: { en: "Jericho", ar: "أريحا والأغوار", he: "יריחו" },
  PS0140: { en: "Jerusalem", ar: "القدس", he: "ירושלים" },
  PS0145: { en: "Bethlehem", ar: "بيت لحم", he: "בית לחם" },
  PS0150: { en: "Hebron", ar: "الخليل", he: "חברון" },
  PS0255: { en: "North Gaza", ar: "شمال غزة", he: "צפון רצועת עזה" },
  PS0260: { en: "Gaza", ar: "غزة", he: "עזה" },
  PS0265: { en: "Deir Al-Balah", ar: "دير البلح", he: "דיר אל-בלח" },
  PS0270: { en: "Khan Younis", ar: "خان يونس", he: "חאן יונס" },
  PS0275: { en: "Rafah", ar: "رفح", he: "רפיח" },
};

/** The governorate's name in `lang`, or the P-code itself when unknown. */
export function governorateName(pcode: string, lang: Language): string {
  return kGovernorates[pcode]?.[lang] || pcode;
}
