/** Event-camera jobs: event files through the keyed reservoir operator, and the evaluation and benchmark behind {@code engram events} and {@code engram bench events}. */
package dev.engram.jobs.events;
