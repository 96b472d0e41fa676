package no.inkasso.gateway.security;

/** What a client is: a creditor's ledger, a collection agency, or the gateway's operations staff. */
public enum Role {
    LEDGER,
    AGENCY,
    OPERATIONS
}
