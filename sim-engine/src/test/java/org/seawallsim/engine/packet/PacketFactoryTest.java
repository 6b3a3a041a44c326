package org.seawallsim.engine.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.seawallsim.engine.random.RandomStreams;

class PacketFactoryTest {
    /** Every instance field of Packet (its hop fields included) except the factory's own bookkeeping. */
    private static Field[] packetFields() {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(Packet.class.getDeclaredFields()),
                        java.util.Arrays.stream(PacketHopFields.class.getDeclaredFields()))
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .filter(f -> !f.getName().equals("released") && !f.getName().equals("id"))
                .toArray(Field[]::new);
    }

    /** Sets every field to a value no new packet has. */
    private static void scribble(Packet p) throws IllegalAccessException {
        for (Field f : packetFields()) {
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(p, 12345);
            } else if (t == long.class) {
                f.setLong(p, 1234567890123L);
            } else if (t == boolean.class) {
                f.setBoolean(p, !f.getBoolean(p));
            } else if (t == long[].class) {
                f.set(p, new long[] {1, 2});
            } else if (t == Packet.class) {
                f.set(p, new Packet());
            } else {
                f.set(p, t == PacketSink.class ? new PacketSink() {
                    @Override
                    public void receive(Packet q) {
                    }

                    @Override
                    public String name() {
                        return "sink";
                    }
                } : new Object());
            }
        }
    }

    @Test
    void aRecycledPacketIsIndistinguishableFromANewOne() throws IllegalAccessException {
        PacketFactory f = new PacketFactory(new RandomStreams(1));
        f.setRecycling(true);
        Packet used = f.acquire();
        scribble(used);
        f.release(used);
        Packet again = f.acquire();
        assertThat(again).isSameAs(used);
        assertThat(again.id).isEqualTo(1);
        Packet fresh = new Packet();
        for (Field field : packetFields()) {
            assertThat(field.get(again)).as("field %s after reset", field.getName()).isEqualTo(field.get(fresh));
        }
    }

    @Test
    void withoutRecyclingEveryPacketIsNew() {
        PacketFactory f = new PacketFactory(new RandomStreams(1));
        Packet a = f.acquire();
        f.release(a);
        assertThat(f.acquire()).isNotSameAs(a);
        assertThat(f.created()).isEqualTo(2);
        assertThat(f.released()).isEqualTo(1);
    }

    @Test
    void releasingAPacketTwiceThrowsWithOrWithoutRecycling() {
        for (boolean recycling : new boolean[] {false, true}) {
            PacketFactory f = new PacketFactory(new RandomStreams(1));
            f.setRecycling(recycling);
            Packet a = f.acquire();
            f.release(a);
            assertThatThrownBy(() -> f.release(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("released twice");
        }
    }
}
