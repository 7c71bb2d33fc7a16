// The translation trees, one per language: the shell's file (en.json, ...)
// merged with one file per console area (parts/<area>.<lang>.json), so each
// area's strings live beside each other and areas never edit the same file.
// Top-level keys must not collide between files (checked by i18n.test.ts).
import en from './en.json';
import ar from './ar.json';
import he from './he.json';
import requestsEn from './parts/requests.en.json';
import requestsAr from './parts/requests.ar.json';
import requestsHe from './parts/requests.he.json';
import dutyEn from './parts/duty.en.json';
import dutyAr from './parts/duty.ar.json';
import dutyHe from './parts/duty.he.json';
import deconflictionEn from './parts/deconfliction.en.json';
import deconflictionAr from './parts/deconfliction.ar.json';
import deconflictionHe from './parts/deconfliction.he.json';
import messagingEn from './parts/messaging.en.json';
import messagingAr from './parts/messaging.ar.json';
import messagingHe from './parts/messaging.he.json';
import incidentsEn from './parts/incidents.en.json';
import incidentsAr from './parts/incidents.ar.json';
import incidentsHe from './parts/incidents.he.json';
import returnsEn from './parts/returns.en.json';
import returnsAr from './parts/returns.ar.json';
import returnsHe from './parts/returns.he.json';
import personnelEn from './parts/personnel.en.json';
import personnelAr from './parts/personnel.ar.json';
import personnelHe from './parts/personnel.he.json';
import vettingEn from './parts/vetting.en.json';
import vettingAr from './parts/vetting.ar.json';
import vettingHe from './parts/vetting.he.json';
import trainingEn from './parts/training.en.json';
import trainingAr from './parts/training.ar.json';
import trainingHe from './parts/training.he.json';
import allegationsEn from './parts/allegations.en.json';
import allegationsAr from './parts/allegations.ar.json';
import allegationsHe from './parts/allegations.he.json';

export type Tree = { [k: string]: string | Tree };

/** Every file of each language, in merge order. */
export const kTranslationFiles: Record<'en' | 'ar' | 'he', Tree[]> = {
  en: [
    en,
    requestsEn,
    dutyEn,
    deconflictionEn,
    messagingEn,
    incidentsEn,
    returnsEn,
    personnelEn,
    vettingEn,
    trainingEn,
    allegationsEn,
  ],
  ar: [
    ar,
    requestsAr,
    dutyAr,
    deconflictionAr,
    messagingAr,
    incidentsAr,
    returnsAr,
    personnelAr,
    vettingAr,
    trainingAr,
    allegationsAr,
  ],
  he: [
    he,
    requestsHe,
    dutyHe,
    deconflictionHe,
    messagingHe,
    incidentsHe,
    returnsHe,
    personnelHe,
    vettingHe,
    trainingHe,
    allegationsHe,
  ],
};

function merge(files: Tree[]): Tree {
  return Object.assign({}, ...files) as Tree;
}

export const kTranslations = {
  en: merge(kTranslationFiles.en),
  ar: merge(kTranslationFiles.ar),
  he: merge(kTranslationFiles.he),
} as const;
