package dev.hoist.repo.pages;

import jakarta.ws.rs.FormParam;

/** The retention form's fields as posted. */
public class RetentionFields {

    @FormParam("enabled")
    String enabled;

    @FormParam("keepPattern")
    String keepPattern;

    @FormParam("keepLast")
    String keepLast;

    @FormParam("unpulledDays")
    String unpulledDays;

    @FormParam("untaggedDays")
    String untaggedDays;

    @FormParam("graceDays")
    String graceDays;

    /** The fingerprint of the rules whose dry run was shown ({@link RetentionView.Form#fingerprint()}). */
    @FormParam("reviewed")
    String reviewed;

    /** "preview" (the dry run) or "save". */
    @FormParam("action")
    String action;

    RetentionView.Form form() {
        return new RetentionView.Form("on".equals(enabled), keepPattern, keepLast, unpulledDays, untaggedDays, graceDays);
    }
}
