package no.inkasso.gateway.feed;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.eligibility.Amounts;
import no.inkasso.gateway.eligibility.Decision;
import no.inkasso.gateway.eligibility.FeeLine;
import no.inkasso.gateway.eligibility.InterestLine;
import no.inkasso.gateway.eligibility.Verdict;
import no.inkasso.gateway.feed.model.CaseFeedMessage;
import no.inkasso.gateway.feed.model.FeedAmounts;
import no.inkasso.gateway.feed.model.FeedCommand;
import no.inkasso.gateway.feed.model.FeedDecision;
import no.inkasso.gateway.feed.model.FeedKind;
import no.inkasso.gateway.feed.model.NoticeFee;

/**
 * The one mapping from a case to the agencies' feed ({@code schemas/feed/case-feed-v1.xsd}): the
 * NEW_CASE message carries the canonical claim and the eligibility decision with its itemised
 * amounts; a command message carries the command. Every transport sends what this makes.
 */
public final class CaseFeedMapper {

    public static final String SCHEMA = "case-feed/v1";
    public static final int NEW_CASE_SEQUENCE = 1;

    private CaseFeedMapper() {}

    public static CaseFeedMessage newCase(String caseId, String agencyId, String correlationId, Claim claim, Decision decision,
                                          OffsetDateTime issuedAt) {
        Objects.requireNonNull(claim, "claim");
        if (decision.verdict() != Verdict.ELIGIBLE || decision.amounts() == null) {
            throw new IllegalArgumentException("case " + caseId + ": only an ELIGIBLE decision with amounts goes to an agency");
        }
        CaseFeedMessage message = envelope(caseId, NEW_CASE_SEQUENCE, FeedKind.NEW_CASE, agencyId, correlationId, issuedAt);
        message.setClaim(claim);
        message.setDecision(decision(decision));
        return message;
    }

    public static CaseFeedMessage command(String caseId, int sequence, FeedKind kind, String agencyId, String agencyCaseNumber,
                                          String correlationId, FeedCommand command, OffsetDateTime issuedAt) {
        if (kind == FeedKind.NEW_CASE || sequence <= NEW_CASE_SEQUENCE) {
            throw new IllegalArgumentException("a command follows the NEW_CASE: sequence > 1 and a command kind");
        }
        CaseFeedMessage message = envelope(caseId, sequence, kind, agencyId, correlationId, issuedAt);
        message.setAgencyCaseNumber(agencyCaseNumber);
        message.setCommand(Objects.requireNonNull(command, "command"));
        return message;
    }

    private static CaseFeedMessage envelope(String caseId, int sequence, FeedKind kind, String agencyId, String correlationId,
                                            OffsetDateTime issuedAt) {
        CaseFeedMessage message = new CaseFeedMessage();
        message.setSchema(SCHEMA);
        message.setCaseId(Objects.requireNonNull(caseId, "caseId"));
        message.setSequence(sequence);
        message.setKind(kind);
        message.setIssuedAt(issuedAt.truncatedTo(ChronoUnit.MILLIS));
        message.setAgencyId(Objects.requireNonNull(agencyId, "agencyId"));
        message.setCorrelationId(correlationId);
        return message;
    }

    static FeedDecision decision(Decision decision) {
        FeedDecision feed = new FeedDecision();
        feed.setAsOf(decision.asOf());
        feed.setJurisdiction(decision.jurisdiction());
        feed.setRulePackFrom(decision.rulePackFrom());
        feed.setSummary(decision.summary());
        feed.getFlags().addAll(decision.flags());
        feed.setAmounts(amounts(decision.amounts()));
        return feed;
    }

    private static FeedAmounts amounts(Amounts amounts) {
        FeedAmounts feed = new FeedAmounts();
        feed.setCurrency(amounts.currency());
        feed.setPrincipal(amounts.principal());
        for (InterestLine line : amounts.interest().lines()) {
            no.inkasso.gateway.feed.model.InterestLine out = new no.inkasso.gateway.feed.model.InterestLine();
            out.setFrom(line.from());
            out.setTo(line.to());
            out.setDays(Math.toIntExact(line.days()));
            out.setRatePercent(line.ratePercent());
            out.setAmount(line.amount());
            feed.getInterestLines().add(out);
        }
        feed.setInterestTotal(amounts.interest().total());
        for (FeeLine fee : amounts.noticeFees()) {
            NoticeFee out = new NoticeFee();
            out.setNotice(fee.notice());
            out.setSentOn(fee.sentOn());
            out.setCharged(fee.charged());
            out.setAllowed(fee.allowed());
            feed.getNoticeFees().add(out);
        }
        feed.setNoticeFeesTotal(orZero(amounts.noticeFeesTotal()));
        feed.setCollectionFee(orZero(amounts.collectionFee()));
        feed.setHeavyCollectionFee(amounts.heavyCollectionFee());
        feed.setCollectionFeeIncludesVat(amounts.collectionFeeIncludesVat());
        feed.setTotal(amounts.total());
        return feed;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value;
    }
}
