package io.crosswatch.core.state;

class InMemoryStateStoreTest extends StateStoreContractTest {
    @Override
    SyncStateStore create() {
        return new InMemoryStateStore();
    }
}
