package org.clinicledger.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Background tasks whose work waits until the test releases it, in whatever order the test
 * chooses: lets a view-model test make an older, slower answer arrive after a newer one. Callbacks
 * run at once on the releasing thread, as with {@link BackgroundTasks#direct}.
 */
public final class HeldTasks {

    private final List<Runnable> held = new ArrayList<>();
    public final BackgroundTasks tasks;

    public HeldTasks(DialogService dialogs) {
        this.tasks = new BackgroundTasks(held::add, Runnable::run, (period, tick) -> () -> { }, dialogs);
    }

    /** How many started tasks have not run yet. */
    public int waiting() {
        return held.size();
    }

    /** Runs the {@code index}th of the tasks still waiting (0: the oldest). */
    public void release(int index) {
        held.remove(index).run();
    }

    /** Runs every waiting task, oldest first, including any they start. */
    public void releaseAll() {
        while (!held.isEmpty()) {
            release(0);
        }
    }
}
