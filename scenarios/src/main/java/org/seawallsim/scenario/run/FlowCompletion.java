package org.seawallsim.scenario.run;

/** One sized flow that completed: its flow id, source VM, size, start and completion time (picoseconds). */
public record FlowCompletion(int flowId, int vm, long sizeBytes, long startPs, long fctPs) {
}
