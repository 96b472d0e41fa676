package no.inkasso.gateway.claims.ids;

/** Kinds of account number understood by {@link BankAccounts}. */
public enum AccountType {
    /** Norwegian domestic account number: 11 digits, MOD11 check digit. */
    NO_BBAN,
    /** International Bank Account Number (ISO 13616). */
    IBAN,
    /** Swedish bankgiro number: 7 or 8 digits, Luhn check digit. */
    SE_BANKGIRO,
    /** Swedish plusgiro (PlusGirot) number: 2 to 8 digits, Luhn check digit. */
    SE_PLUSGIRO
}
