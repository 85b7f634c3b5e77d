using OrleansRemarks.Silo.Hosting;

return await SiloApplication.RunAsync(args);
