package org.alima.portal.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.openqa.selenium.PageLoadStrategy;

/**
 * On a {@link Browser} parameter of a test method: a browser of the test's own (a fresh profile, so an empty cache),
 * started for it and quit after it, in place of the class's browser.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface OwnBrowser {

    /** The browser's preferred languages, as an Accept-Language value. */
    String languages();

    /** How long opening a page waits: {@link PageLoadStrategy#NONE} returns at once, to act before the page loads. */
    PageLoadStrategy loads() default PageLoadStrategy.NORMAL;
}
