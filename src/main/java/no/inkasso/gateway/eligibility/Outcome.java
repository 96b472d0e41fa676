package no.inkasso.gateway.eligibility;

import java.util.function.Function;

/** A value computed from rate tables, or the rate that was missing for it. */
public sealed interface Outcome<T> permits Outcome.Ok, Outcome.NoRate {

    record Ok<T>(T value) implements Outcome<T> {
    }

    record NoRate<T>(MissingRate missing) implements Outcome<T> {
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> noRate(MissingRate missing) {
        return new NoRate<>(missing);
    }

    default <R> Outcome<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new NoRate<>(((NoRate<T>) this).missing());
    }

    default <R> Outcome<R> flatMap(Function<? super T, Outcome<R>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new NoRate<>(((NoRate<T>) this).missing());
    }
}
