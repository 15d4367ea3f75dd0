package org.clinicledger.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A ticker that ticks only when a test says so, so that scheduled work needs no waiting. */
public final class ManualTicker implements BackgroundTasks.Ticker {

    /** The period of every schedule made, in order. */
    public final List<Duration> periods = new ArrayList<>();
    private final List<Runnable> ticks = new ArrayList<>();

    @Override
    public BackgroundTasks.Scheduled every(Duration period, Runnable tick) {
        periods.add(period);
        ticks.add(tick);
        return () -> ticks.remove(tick);
    }

    /** As if one period had passed: every schedule not cancelled comes round once. */
    public void tick() {
        List.copyOf(ticks).forEach(Runnable::run);
    }
}
