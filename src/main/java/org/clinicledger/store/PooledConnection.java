package org.clinicledger.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * A connection lent out by {@link Database}: every call goes to the real connection, except that
 * closing hands it back instead, once; after that the lent connection behaves as closed.
 */
final class PooledConnection implements InvocationHandler {

    private final Connection connection;
    private final Consumer<Connection> giveBack;
    private boolean returned;

    private PooledConnection(Connection connection, Consumer<Connection> giveBack) {
        this.connection = connection;
        this.giveBack = giveBack;
    }

    static Connection wrap(Connection connection, Consumer<Connection> giveBack) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new PooledConnection(connection, giveBack));
    }

    @Override
    public synchronized Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        switch (method.getName()) {
            case "close":
                if (!returned) {
                    returned = true;
                    giveBack.accept(connection);
                }
                return null;
            case "isClosed":
                return returned || connection.isClosed();
            case "equals":
                return proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "Pooled[" + connection + (returned ? ", returned" : "") + "]";
            default:
                break;
        }
        if (returned) {
            throw new SQLException("The connection is closed");
        }
        try {
            return method.invoke(connection, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
