package no.inkasso.gateway.claims.ids;

/** National identification number schemes understood by {@link NationalIds}. */
public enum NationalIdScheme {

    /**
     * Norwegian fødselsnummer (11 digits, two MOD11 check digits). Also accepts D-nummer (first
     * digit + 4), H-nummer (month + 40) and synthetic test ids (month + 80).
     */
    NO_PERSON,

    /** Norwegian organisasjonsnummer: 9 digits, MOD11 check digit with weights 3,2,7,6,5,4,3,2. */
    NO_ORGANISATION,

    /**
     * Swedish personnummer or samordningsnummer (day + 60): {@code YYMMDD-NNNC}, {@code YYMMDD+NNNC}
     * (100 years or older), {@code YYMMDDNNNC} or {@code YYYYMMDD[-]NNNC}; Luhn over the 10-digit form.
     */
    SE_PERSON,

    /**
     * Swedish organisationsnummer: 10 digits with an optional {@code -} after the sixth, Luhn check
     * digit, third digit 2 or higher; a 12-digit form prefixed {@code 16} is also accepted.
     */
    SE_ORGANISATION
}
