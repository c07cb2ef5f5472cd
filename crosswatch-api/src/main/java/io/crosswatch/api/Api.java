package io.crosswatch.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks how stable an exported type is, in the spirit of JUnit's {@code @API}.
 *
 * <p>Callers may rely on {@link Status#STABLE} types across minor versions; {@link
 * Status#EXPERIMENTAL} types may change in any release; {@link Status#INTERNAL} types are
 * public only for technical reasons and must not be used outside CrossWatch.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Api {

    /** How stable the annotated element is. */
    Status status();

    /** The version in which the element appeared. */
    String since() default "0.1";

    /** Stability levels. */
    enum Status {
        /** Used by CrossWatch itself; may change or vanish without notice. */
        INTERNAL,
        /** New; feedback wanted; may change in a minor release. */
        EXPERIMENTAL,
        /** Compatible across minor releases. */
        STABLE,
        /** Scheduled for removal; see the element's javadoc for the replacement. */
        DEPRECATED
    }
}
