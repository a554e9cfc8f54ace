// The checksums that tell a real card number or IBAN from a number that only looks like one.
// Only checksum-valid values are masked, so order, tracking and reference numbers stay readable.

/** Luhn (ISO/IEC 7812): a card number's last digit makes this sum a multiple of 10. */
export function passesLuhn(digits: string): boolean {
  // All zeros sums to 0 but is never a card: a placeholder, not a number to hide.
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  // From the right, every second digit is doubled, less 9 when the double has two digits.
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616 (ISO 7064 mod 97-10) on an IBAN written without spaces, in upper case. */
export function passesIbanCheck(iban: string): boolean {
  // The country code and check digits move to the end; letters count as 10 (A) to 35 (Z); the
  // whole number must leave 1 when divided by 97.
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = parseInt(char, 36);
    // Folded in one character at a time: the full number (up to 68 digits) would not fit a double.
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder === 1;
}
