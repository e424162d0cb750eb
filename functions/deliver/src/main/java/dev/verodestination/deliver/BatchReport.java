package dev.verodestination.deliver;

import java.util.List;

/** What became of one batch: its own counts (not the container's), and the messages to retry. */
record BatchReport(int received, int delivered, int deadLettered, List<String> retry) {}
