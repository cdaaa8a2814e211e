package org.stdeconv.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PyTorch engine on one thread, as training runs it, and a CPU manager the test class's arrays live in. */
public abstract class PyTorchTestBase {
    protected static NDManager manager;

    @BeforeAll
    public static void startEngine() {
        EngineSetup.start(1);
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    public static void closeManager() {
        manager.close();
    }
}
