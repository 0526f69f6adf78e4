"""Ways of showing socialrx data: pages, tables, reports and the public site."""
