package no.inkasso.gateway.cases;

/** The way a claim or document came into the gateway. */
public enum Channel {
    REST,
    SFTP,
    EHF
}
