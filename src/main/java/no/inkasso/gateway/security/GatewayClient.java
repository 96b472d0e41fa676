package no.inkasso.gateway.security;

import java.util.Set;

/** An authenticated caller: who it is, its role, and the creditors and ledgers it acts for. */
public record GatewayClient(String id, Role role, Set<String> sourceSystems, Set<String> creditors) {

    public GatewayClient {
        sourceSystems = Set.copyOf(sourceSystems);
        creditors = Set.copyOf(creditors);
    }

    /** Operations see every creditor; a ledger only those it is configured for. */
    public boolean mayRead(String creditorOrg) {
        return role == Role.OPERATIONS || (role == Role.LEDGER && creditors.contains(creditorOrg));
    }

    public boolean maySubmitFor(String sourceSystem, String creditorOrg) {
        return role == Role.LEDGER && sourceSystems.contains(sourceSystem) && creditors.contains(creditorOrg);
    }
}
