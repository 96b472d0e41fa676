package no.inkasso.gateway.intake;

import java.util.List;
import no.inkasso.gateway.cases.NewCase;

/**
 * Told of the cases {@link ClaimIntake} creates, inside the transaction that stores them (whatever
 * the channel), so what it changes commits or rolls back with them. E.g. a credit note held for
 * an invoice that had not arrived yet is applied here.
 */
public interface NewCaseListener {

    void created(List<NewCase> cases, String actor);
}
