package dev.tracemill.model;

/** Whether the logged call (or session) did what it was asked, as far as the log tells. */
public enum Outcome { SUCCESS, FAILURE, UNKNOWN }
