package org.seawallsim.seawall.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seawallsim.seawall.controller.IncreaseMode;
import org.seawallsim.seawall.controller.WeightSplit;
import org.seawallsim.seawall.port.HeaderMode;
import org.seawallsim.seawall.port.HypervisorCostModel;

class SeawallParamsParserTest {
    @Test
    void emptyMapGivesTheDefaults() {
        assertThat(SeawallParamsParser.parse(Map.of())).isEqualTo(SeawallParams.defaults());
        assertThat(SeawallParamsParser.scheme(null).name()).isEqualTo("seawall");
    }

    @Test
    void keysReachTheirRecords() {
        SeawallParams p = SeawallParamsParser.parse(Map.of("headerMode", "encapsulation", "split", "none",
                "increase", "cubic", "beta", "0.3", "intervalMs", "2", "filterDelayMs", "50", "cost", "prototype1GbE"));
        assertThat(p.port().mode()).isEqualTo(HeaderMode.ENCAPSULATION);
        assertThat(p.controller().split()).isEqualTo(WeightSplit.NONE);
        assertThat(p.controller().increase()).isEqualTo(IncreaseMode.CUBIC);
        assertThat(p.controller().beta()).isEqualTo(0.3);
        assertThat(p.detector().beta()).isEqualTo(0.3);
        assertThat(p.controller().intervalPs()).isEqualTo(2_000_000_000L);
        assertThat(p.filterDelayPs()).isEqualTo(50_000_000_000L);
        assertThat(p.cost()).isEqualTo(HypervisorCostModel.prototype1GbE());
    }

    @Test
    void typosAndBadValuesNameTheKey() {
        assertThatThrownBy(() -> SeawallParamsParser.parse(Map.of("betta", "0.3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betta");
        assertThatThrownBy(() -> SeawallParamsParser.parse(Map.of("split", "fair")))
                .hasMessageContaining("split").hasMessageContaining("fair");
        assertThatThrownBy(() -> SeawallParamsParser.parse(Map.of("beta", "-1")))
                .hasMessageContaining("beta");
        assertThatThrownBy(() -> SeawallParamsParser.parse(Map.of("beta", "1.5")))
                .hasMessageContaining("beta").hasMessageContaining("1.5");
    }
}
