cp samples/export.csv "Hälsosteget-2024 åäö.csv"
