/** Every PII recognizer, in the order they run, and all their regexes for the ReDoS check. */
import type { Recognizer } from "../types.js";
import { PATTERNS as WORDS } from "../words.js";
import { PATTERNS as SCAN_INPUT } from "../types.js";
import { emailRecognizer, PATTERNS as EMAIL } from "./email.js";
import { ipAddressRecognizer, PATTERNS as IP } from "./ip-address.js";
import { ibanRecognizer, PATTERNS as IBAN } from "./iban.js";
import { paymentCardRecognizer, PATTERNS as CARD } from "./payment-card.js";
import { phoneRecognizer, PATTERNS as PHONE } from "./phone.js";
import { urlRecognizer, PATTERNS as URL } from "./url.js";
import { usSsnRecognizer, PATTERNS as SSN } from "./us-ssn.js";
import { nationalIdRecognizer, PATTERNS as NATIONAL_ID } from "../national-id/recognizer.js";
import { PATTERNS as NATIONAL_ID_CHECKS } from "../national-id/checks.js";
import { dateTimeRecognizer, PATTERNS as DATE } from "./date-time.js";
import { ageRecognizer, PATTERNS as AGE } from "./age.js";
import { titleRecognizer, PATTERNS as TITLE } from "./title.js";
import { personRecognizer, PATTERNS as PERSON } from "./person.js";
import { streetAddressRecognizer, PATTERNS as ADDRESS } from "./street-address.js";
import { locationRecognizer } from "./location.js";
import { nrpRecognizer } from "./nrp.js";
import { organizationRecognizer } from "./organization.js";
import { zipCodeRecognizer, PATTERNS as ZIP } from "./zip-code.js";
import { usDriverLicenseRecognizer, PATTERNS as DL } from "./us-driver-license.js";

/** Syntax and checksum recognizers: precise. */
export const STRUCTURED_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  urlRecognizer,
  paymentCardRecognizer,
  ibanRecognizer,
  usSsnRecognizer,
  phoneRecognizer,
  ipAddressRecognizer,
  nationalIdRecognizer,
];

/** Context, gazetteer and shape heuristics (no NER model): useful recall, weaker precision. */
export const HEURISTIC_RECOGNIZERS: readonly Recognizer[] = [
  dateTimeRecognizer,
  ageRecognizer,
  titleRecognizer,
  personRecognizer,
  streetAddressRecognizer,
  locationRecognizer,
  nrpRecognizer,
  organizationRecognizer,
  zipCodeRecognizer,
  usDriverLicenseRecognizer,
];

export const ALL_RECOGNIZERS: readonly Recognizer[] = [...STRUCTURED_RECOGNIZERS, ...HEURISTIC_RECOGNIZERS];

export const PATTERNS: readonly RegExp[] = [
  ...WORDS,
  ...SCAN_INPUT,
  ...EMAIL,
  ...URL,
  ...CARD,
  ...IBAN,
  ...SSN,
  ...PHONE,
  ...IP,
  ...NATIONAL_ID,
  ...NATIONAL_ID_CHECKS,
  ...DATE,
  ...AGE,
  ...TITLE,
  ...PERSON,
  ...ADDRESS,
  ...ZIP,
  ...DL,
];
