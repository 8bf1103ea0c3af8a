import { describe, expect, it } from "vitest";
import {
  brCpfValid,
  caSinValid,
  cnResidentIdValid,
  esDniValid,
  esNieValid,
  fiHetuValid,
  frNirValid,
  inAadhaarValid,
  itCodiceFiscaleValid,
  nlBsnValid,
  plPeselValid,
  sePersonnummerValid,
  ukNinoValid,
} from "./checks.js";

// [validator, valid examples, invalid examples (checksum or format broken)]
const CASES: [string, (v: string) => boolean, string[], string[]][] = [
  [
    "UK NINO",
    ukNinoValid,
    ["AB123456C", "JG103759A"],
    ["BG123456A", "AB123456E", "DA123456A", "AO123456A", "AB12345C"],
  ],
  ["ES DNI", esDniValid, ["12345678Z", "00000000T"], ["12345678A", "1234567Z"]],
  ["ES NIE", esNieValid, ["X1234567L", "Y1234567X", "Z1234567R"], ["X1234567A", "W1234567L"]],
  ["IT codice fiscale", itCodiceFiscaleValid, ["RSSMRA85T10A562S"], ["RSSMRA85T10A562T", "RSSMRA85Z10A562S"]],
  ["NL BSN", nlBsnValid, ["111222333", "123456782"], ["111222334", "000000000", "12345678"]],
  ["SE personnummer", sePersonnummerValid, ["8112289874", "198112289874"], ["8112289875", "8113289874"]],
  ["FI HETU", fiHetuValid, ["131052-308T", "010101A123N"], ["131052-308U", "320152-308T", "131052Q308T"]],
  ["PL PESEL", plPeselValid, ["44051401359", "02070803628"], ["44051401358", "44133401359", "11111111111"]],
  ["FR NIR", frNirValid, ["185057800608491"], ["185057800608490", "385057800608491"]],
  ["IN Aadhaar", inAadhaarValid, ["234123412346"], ["234123412347", "134123412346"]],
  ["BR CPF", brCpfValid, ["12345678909", "52998224725"], ["12345678900", "11111111111"]],
  ["CN resident ID", cnResidentIdValid, ["11010519491231002X"], ["110105194912310021", "11010519491331002X"]],
  ["CA SIN", caSinValid, ["130692544"], ["130692545", "830692544", "046454286"]],
];

describe("national ID checks", () => {
  for (const [name, valid, good, bad] of CASES) {
    it(`${name}: accepts valid and rejects broken numbers`, () => {
      for (const g of good) expect(valid(g), g).toBe(true);
      for (const b of bad) expect(valid(b), b).toBe(false);
    });
  }
});
