package azsync

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
)

// Cloud is an Azure cloud a connection reaches: its Resource Manager endpoint and its Entra
// authority.
type Cloud struct {
	Name          string // public, usgov, china; "" for a custom endpoint
	ARMEndpoint   string
	AuthorityHost string
}

// Clouds are the Azure clouds known by name.
var Clouds = []Cloud{
	{"public", cloud.AzurePublic.Services[cloud.ResourceManager].Endpoint, cloud.AzurePublic.ActiveDirectoryAuthorityHost},
	{"usgov", cloud.AzureGovernment.Services[cloud.ResourceManager].Endpoint, cloud.AzureGovernment.ActiveDirectoryAuthorityHost},
	{"china", cloud.AzureChina.Services[cloud.ResourceManager].Endpoint, cloud.AzureChina.ActiveDirectoryAuthorityHost},
}

// CloudNamed returns the cloud of that name.
func CloudNamed(name string) (Cloud, error) {
	for _, c := range Clouds {
		if c.Name == name {
			return c, nil
		}
	}
	return Cloud{}, fmt.Errorf("%q is not one of public, usgov, china", name)
}

// CloudOf names the cloud of a connection's endpoints, or returns them as a custom cloud.
func CloudOf(armEndpoint, authorityHost string) Cloud {
	for _, c := range Clouds {
		if c.ARMEndpoint == armEndpoint && c.AuthorityHost == authorityHost {
			return c
		}
	}
	return Cloud{ARMEndpoint: armEndpoint, AuthorityHost: authorityHost}
}

// Custom reports whether the cloud is not one of the known ones (an Azure Stack Hub, or an
// ARM-compatible server such as another CreditDesk).
func (c Cloud) Custom() bool { return c.Name == "" }

// configuration is the SDK's cloud configuration. A custom endpoint keeps the public cloud's
// token audience.
func (c Cloud) configuration() cloud.Configuration {
	audience := cloud.AzurePublic.Services[cloud.ResourceManager].Audience
	for _, k := range []cloud.Configuration{cloud.AzurePublic, cloud.AzureGovernment, cloud.AzureChina} {
		if k.Services[cloud.ResourceManager].Endpoint == c.ARMEndpoint {
			audience = k.Services[cloud.ResourceManager].Audience
		}
	}
	return cloud.Configuration{ActiveDirectoryAuthorityHost: c.AuthorityHost,
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: c.ARMEndpoint, Audience: audience}}}
}

// checkEndpoint accepts an https URL with a host and nothing after the path.
func checkEndpoint(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("must be an https:// address such as https://management.azure.com/")
	}
	return u.String(), nil
}
