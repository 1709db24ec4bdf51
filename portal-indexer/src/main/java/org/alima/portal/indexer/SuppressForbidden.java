package org.alima.portal.indexer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a class, method, constructor or field from the build's forbidden-apis bans ({@code .forbidden/*.txt} at
 * the root of the project), in every module: each is the one place a banned call belongs, such as a command line's
 * main method ending the JVM. Read by forbidden-apis from the class files; it does nothing at run time.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface SuppressForbidden {

    /** Why the banned call belongs here. */
    String reason();
}
