package atlas

import "encoding/json"

// cluster is the part of the v2 (2024-08-05) cluster and (2024-11-13) flex cluster descriptions we show.
type cluster struct {
	Name             string `json:"name"`
	MongoDBVersion   string `json:"mongoDBVersion"`
	StateName        string `json:"stateName"`
	Paused           bool   `json:"paused"`
	ReplicationSpecs []struct {
		RegionConfigs []struct {
			ProviderName        string `json:"providerName"`
			BackingProviderName string `json:"backingProviderName"`
			Priority            int    `json:"priority"`
			ElectableSpecs      struct {
				InstanceSize string `json:"instanceSize"`
			} `json:"electableSpecs"`
		} `json:"regionConfigs"`
	} `json:"replicationSpecs"`
	// Flex clusters only.
	ProviderSettings struct {
		ProviderName        string `json:"providerName"`
		BackingProviderName string `json:"backingProviderName"`
	} `json:"providerSettings"`
}

// describe fills res from a 200 body. Size and provider come from the highest-priority region (the one
// holding the primary); a Flex cluster has no size, so it reads "FLEX".
func describe(res *Result, body []byte) error {
	var c cluster
	if err := json.Unmarshal(body, &c); err != nil {
		return err
	}
	res.MongoDBVersion, res.State, res.Paused = c.MongoDBVersion, c.StateName, c.Paused
	if res.Flex {
		res.InstanceSize = "FLEX"
		res.Provider = c.ProviderSettings.ProviderName
		if res.Provider == "" {
			res.Provider = "FLEX"
		}
		res.BackingProvider = c.ProviderSettings.BackingProviderName
		return nil
	}
	best := -1
	for _, spec := range c.ReplicationSpecs {
		for _, rc := range spec.RegionConfigs {
			if rc.Priority > best {
				best = rc.Priority
				res.InstanceSize = rc.ElectableSpecs.InstanceSize
				res.Provider = rc.ProviderName
				res.BackingProvider = rc.BackingProviderName
			}
		}
	}
	return nil
}
