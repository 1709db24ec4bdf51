package org.alima.portal.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test of the portal: its constructor and methods may take the running {@link E2ePortal}, its seeded
 * {@link Library} and a {@link Browser}. The class's browser prefers {@link #languages()}; it starts when first asked
 * for, serves every test of the class, forgets the session and language choice before each test (each test begins as
 * a new visitor) and quits after the last. A failed test leaves a screenshot of each of its browsers in {@code
 * target/screenshots/failures/}. See {@link BrowserExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserExtension.class)
@interface BrowserTest {

    /** The browser's preferred languages, as an Accept-Language value. */
    String languages() default "en-GB,en";
}
